import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { BatchRequestError, ExtractionError, type BatchProgress, type BatchRequest } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsCompletion, type BatchInputLine } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';

const W = (location: string, units: 'metric' | 'imperial' = 'metric') =>
  Object.assign(new Weather(), { location, units });

/** Answers a line with a Weather call for the city its user message names. */
const weatherOf = (line: BatchInputLine) => {
  const city = String(line.body.messages.at(-1).content).replace('Weather in ', '');
  return {
    body: openAIToolCallsCompletion([{ name: 'Weather', arguments: { location: city, units: 'metric' } }]),
  };
};

const single = (city: string) => ({
  messages: [
    { role: 'system' as const, content: 'You must always use tools' },
    { role: 'user' as const, content: `Weather in ${city}` },
  ],
  responseModel: [Weather, GoogleSearch] as const,
  providerOptions: { temperature: 0 },
});
const request = (
  customId: string,
  city: string,
): BatchRequest<readonly [typeof Weather, typeof GoogleSearch]> => ({
  customId,
  ...single(city),
});

describe('client.batches over the OpenAI Batch API (real SDK, local server)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.splice(0);
    server.batches.answer = weatherOf;
  });

  it('sends each line with exactly the body a single chat.completions.create sends', async () => {
    const client = fromOpenAI(openai, { model: 'gpt-4o-mini' });
    server.enqueueToolCalls([{ name: 'Weather', arguments: { location: 'Oslo', units: 'metric' } }]);
    await client.extract(single('Oslo'));
    const recorded = server.requests[0].body;

    server.batches.script({ polls: 0 });
    const outcomes = await client.batches.run([request('a', 'Oslo')], { pollIntervalMs: 1 });
    const batch = server.batches.created.at(-1)!;
    expect(batch.endpoint).toBe('/v1/chat/completions');
    expect(batch.lines).toEqual([
      { custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: recorded },
    ]);
    expect(recorded.tools.map((t: any) => t.function.name)).toEqual(['Weather', 'GoogleSearch']);
    expect(outcomes).toEqual([
      expect.objectContaining({ customId: 'a', ok: true, data: [W('Oslo')], attempts: 1 }),
    ]);

    const upload = server.requests.find((r) => r.path === '/v1/files')!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload.rawBody).toContain('name="purpose"');
    expect(client.batches.build([request('a', 'Oslo')])).toEqual(batch.lines);
  });

  it('submits, polls with progress counts, and collects every outcome in request order', async () => {
    const cities = ['Oslo', 'Lima', 'Quito', 'Accra', 'Hanoi', 'Perth'];
    server.batches.script({ polls: 3 });
    const progress: BatchProgress[] = [];
    const client = fromOpenAI(openai, { model: 'gpt-4o-mini' });
    const outcomes = await client.batches.run(
      cities.map((c, i) => request(`doc-${i}`, c)),
      { pollIntervalMs: 1, onProgress: (p) => progress.push({ ...p }), metadata: { job: 'spec' } },
    );
    expect(outcomes.map((o) => o.customId)).toEqual(cities.map((_, i) => `doc-${i}`));
    expect(outcomes.map((o) => (o.ok ? o.data : o.error))).toEqual(cities.map((c) => [W(c)]));

    const running = progress.filter((p) => p.phase === 'running');
    expect(running.map((p) => p.done)).toEqual([0, 1, 3, 4, 6]);
    expect(running.every((p) => p.total === 6 || p.total === 0)).toBe(true);
    const collecting = progress.filter((p) => p.phase === 'collecting');
    expect(collecting.map((p) => [p.done, p.failed, p.total])).toEqual(cities.map((_, i) => [i + 1, 0, 6]));
    expect(server.batches.created.at(-1)!.metadata).toEqual({ job: 'spec' });
    const polls = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/batches/'));
    expect(polls).toHaveLength(4);
  });

  it('re-asks the failed requests in a follow-up batch, with the turns a single extraction re-asks with', async () => {
    const bad = openAIToolCallsCompletion([
      { name: 'Weather', arguments: { location: 'Lima', units: 'kelvin' }, id: 'call_bad' },
      { name: 'GoogleSearch', arguments: { query: 'lima news' }, id: 'call_ok' },
    ]);
    const good = openAIToolCallsCompletion([
      { name: 'Weather', arguments: { location: 'Lima', units: 'metric' } },
    ]);

    // The single extraction, for the re-ask turn it sends.
    server.enqueue({ json: bad }, { json: good });
    const client = fromOpenAI(openai, { model: 'gpt-4o-mini' });
    await client.extract({ ...single('Lima'), maxRetries: 1 });
    const singleReask = server.requests[1].body;

    const answers = new Map<string, unknown[]>([['b', [bad, good]]]);
    server.batches.answer = (line) => {
      const queued = answers.get(line.custom_id);
      return queued ? { body: queued.shift() } : weatherOf(line);
    };
    server.batches.script({ polls: 0 }, { polls: 1 });
    const progress: BatchProgress[] = [];
    const outcomes = await client.batches.run([request('a', 'Oslo'), request('b', 'Lima')], {
      maxRetries: 1,
      pollIntervalMs: 1,
      onProgress: (p) => progress.push({ ...p }),
    });
    const [first, second] = server.batches.created.slice(-2);
    expect(first.lines.map((l) => l.custom_id)).toEqual(['a', 'b']);
    expect(second.lines.map((l) => l.custom_id)).toEqual(['b']);
    expect(second.lines[0].body).toEqual(singleReask);
    expect(outcomes[0]).toEqual(expect.objectContaining({ ok: true, data: [W('Oslo')], attempts: 1 }));
    expect(outcomes[1]).toEqual(
      expect.objectContaining({
        ok: true,
        attempts: 2,
        data: [W('Lima'), Object.assign(new GoogleSearch(), { query: 'lima news' })],
      }),
    );
    expect(new Set(progress.map((p) => p.round))).toEqual(new Set([1, 2]));
    expect(progress.at(-1)).toEqual(
      expect.objectContaining({ phase: 'collecting', done: 2, failed: 0, total: 2 }),
    );
  });

  it("re-asks directly with reask: direct, sending the body a single re-ask sends; an HTTP error is that request's outcome", async () => {
    const bad = (city: string) =>
      openAIToolCallsCompletion([
        { name: 'Weather', arguments: { location: city, units: 'kelvin' }, id: 'call_bad' },
      ]);
    const good = openAIToolCallsCompletion([
      { name: 'Weather', arguments: { location: 'Lima', units: 'metric' } },
    ]);
    const client = fromOpenAI(openai, { model: 'gpt-4o-mini' });
    server.enqueue({ json: bad('Lima') }, { json: good });
    await client.extract({ ...single('Lima'), maxRetries: 1 });
    const singleReask = server.requests[1].body;

    server.requests.splice(0);
    server.batches.answer = (line) => ({ body: bad(line.custom_id === 'b' ? 'Lima' : 'Quito') });
    server.batches.script({ polls: 0 });
    server.enqueue({ json: good }, { status: 400 });
    const batchesBefore = server.batches.created.length;
    const outcomes = await client.batches.run([request('b', 'Lima'), request('c', 'Quito')], {
      maxRetries: 1,
      reask: 'direct',
      pollIntervalMs: 1,
    });
    expect(server.batches.created.length).toBe(batchesBefore + 1);
    const direct = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(direct.map((r) => r.body)).toEqual([
      singleReask,
      expect.objectContaining({ model: 'gpt-4o-mini' }),
    ]);
    expect(outcomes[0]).toEqual(expect.objectContaining({ ok: true, attempts: 2, data: [W('Lima')] }));
    const c = outcomes[1];
    if (c.ok) throw new Error('expected c to fail');
    expect(c.error).toBeInstanceOf(BatchRequestError);
    expect(c.error.code).toBe('batch_request_failed');
    expect((c.error as BatchRequestError).status).toBe(400);
    expect(c.error.cause).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('keeps the valid calls of a request whose bad calls were not corrected within maxRetries', async () => {
    server.batches.answer = (line) =>
      line.custom_id === 'b'
        ? {
            body: openAIToolCallsCompletion([
              { name: 'Weather', arguments: { location: 'Lima', units: 'kelvin' } },
              { name: 'Weather', arguments: { location: 'Cusco', units: 'metric' } },
            ]),
          }
        : weatherOf(line);
    server.batches.script({ polls: 0 });
    const outcomes = await fromOpenAI(openai, { model: 'm' }).batches.run(
      [request('a', 'Oslo'), request('b', 'Lima')],
      {
        pollIntervalMs: 1,
      },
    );
    expect(outcomes[0].ok).toBe(true);
    const b = outcomes[1];
    if (b.ok) throw new Error('expected b to fail');
    expect(b.error).toBeInstanceOf(ExtractionError);
    expect(b.error.code).toBe('validation_failed');
    expect((b.error as ExtractionError).results).toEqual([W('Cusco')]);
    expect((b.error as ExtractionError).failures.map((f) => f.index)).toEqual([0]);
  });

  it('stops polling on abort without cancelling the batch, and collect() takes it up again by id', async () => {
    server.batches.script({ polls: 3 });
    const client = fromOpenAI(openai, { model: 'm' });
    const controller = new AbortController();
    const requests = [request('a', 'Oslo'), request('b', 'Lima')];
    const job = await client.batches.submit(requests, {
      pollIntervalMs: 1,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'running' && p.done > 0 && controller.abort(),
    });
    await expect(job.results().next()).rejects.toThrow(/abort/i);
    const batch = server.batches.created.at(-1)!;
    expect(batch.status).toBe('in_progress');
    expect(batch.cancelled).toBe(false);

    const resumed = await fromOpenAI(openai, { model: 'm' }).batches.collect(job.id, requests, {
      pollIntervalMs: 1,
    });
    const outcomes = [];
    for await (const o of resumed.results()) outcomes.push(o);
    expect(outcomes.map((o) => (o.ok ? o.data : o.error))).toEqual([[W('Oslo')], [W('Lima')]]);
  });

  it('rejects with the SDK abort error when aborted before the upload', async () => {
    const controller = new AbortController();
    controller.abort();
    const created = server.batches.created.length;
    await expect(
      fromOpenAI(openai, { model: 'm' }).batches.submit([request('a', 'Oslo')], {
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(server.batches.created.length).toBe(created);
  });

  it('cancels: the requests not run end batch_cancelled, the ones run keep their instances', async () => {
    server.batches.script({ polls: 3 });
    const client = fromOpenAI(openai, { model: 'm' });
    const job = await client.batches.submit(
      ['Oslo', 'Lima', 'Quito', 'Accra'].map((c, i) => request(`r${i}`, c)),
      { pollIntervalMs: 1, onProgress: (p) => p.phase === 'running' && p.done === 1 && void job.cancel() },
    );
    const outcomes = [];
    for await (const o of job.results()) outcomes.push(o);
    expect(job.state.status).toBe('cancelled');
    expect(outcomes.filter((o) => o.ok).map((o) => o.customId)).toEqual(['r0']);
    const cancelled = outcomes.filter((o) => !o.ok);
    expect(cancelled.map((o) => o.customId)).toEqual(['r1', 'r2', 'r3']);
    for (const o of cancelled) {
      if (o.ok) continue;
      expect(o.error).toBeInstanceOf(BatchRequestError);
      expect(o.error.code).toBe('batch_cancelled');
    }
  });

  it('reads a results file the user downloaded, with the requests or with one responseModel', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pt-batch-'));
    const file = path.join(dir, 'results.jsonl');
    const line = (customId: string, city: string) =>
      JSON.stringify({
        id: `batch_req_${customId}`,
        custom_id: customId,
        response: {
          status_code: 200,
          body: openAIToolCallsCompletion([
            { name: 'Weather', arguments: { location: city, units: 'metric' } },
          ]),
        },
        error: null,
      });
    writeFileSync(file, `${line('a', 'Oslo')}\n${line('c', 'Lima')}\n`);
    const client = fromOpenAI(openai);

    const withRequests = [];
    const requests = [request('a', 'Oslo'), request('b', 'Quito'), request('c', 'Lima')];
    for await (const o of client.batches.readResults(createReadStream(file), { requests }))
      withRequests.push(o);
    expect(withRequests.map((o) => [o.customId, o.ok ? o.data : o.error.code])).toEqual([
      ['a', [W('Oslo')]],
      ['c', [W('Lima')]],
      ['b', 'batch_result_missing'],
    ]);

    const withModel = [];
    for await (const o of client.batches.readResults(createReadStream(file), { responseModel: [Weather] })) {
      withModel.push(o);
    }
    expect(withModel.map((o) => [o.customId, o.ok && o.data])).toEqual([
      ['a', [W('Oslo')]],
      ['c', [W('Lima')]],
    ]);
  });
});
