import Anthropic from '@anthropic-ai/sdk';
import {
  BatchRequestError,
  ParallelToolsError,
  type BatchOutcome,
  type BatchProgress,
  type BatchRequest,
} from 'parallel-tools';
import { fromAnthropic } from 'parallel-tools/anthropic';
import { anthropicToolUseMessage, MockAnthropicServer } from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';

const MODEL = 'claude-sonnet-4-5';

/** Answers a request with a Weather call for the city its last user message names. */
const weatherOf = (params: any) => {
  const city = String(params.messages.at(-1).content).replace('Weather in ', '');
  return anthropicToolUseMessage([{ name: 'Weather', input: { location: city, units: 'metric' } }]);
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
): BatchRequest<readonly [typeof Weather, typeof GoogleSearch]> => ({ customId, ...single(city) });

/** The error code of a failed outcome, the data of a good one. */
const summary = (o: BatchOutcome) => [o.customId, o.ok ? o.data : o.error.code];

describe('client.batches over Anthropic Message Batches (real SDK, local server)', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;

  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.requests.splice(0);
    server.batches.answer = weatherOf;
  });

  it('sends each request as { custom_id, params } with exactly the body a single call sends', async () => {
    const client = fromAnthropic(anthropic, { model: MODEL, maxTokens: 512 });
    server.enqueueToolUse([{ name: 'Weather', input: { location: 'Oslo', units: 'metric' } }]);
    await client.extract(single('Oslo'));
    const recorded = server.requests[0].body;
    expect(recorded).toEqual(
      expect.objectContaining({ model: MODEL, max_tokens: 512, system: 'You must always use tools' }),
    );
    expect(recorded.stream).toBeUndefined();

    server.batches.script({ polls: 0 });
    const outcomes = await client.batches.run([request('a', 'Oslo')], { pollIntervalMs: 1 });
    const batch = server.batches.created.at(-1)!;
    expect(batch.requests).toEqual([{ custom_id: 'a', params: recorded }]);
    const params = batch.requests[0].params;
    for (const field of Object.keys(recorded))
      expect([field, params[field]]).toEqual([field, recorded[field]]);
    expect(params.tools.map((t: any) => t.name)).toEqual(['Weather', 'GoogleSearch']);
    expect(params.tool_choice).toEqual({ type: 'any' });
    expect(outcomes).toEqual([
      expect.objectContaining({ customId: 'a', ok: true, data: [W('Oslo')], attempts: 1 }),
    ]);
    expect(client.batches.endpoint).toBe('/v1/messages');
    expect(client.batches.build([request('a', 'Oslo')])).toEqual(batch.requests);
    const longest = 'A-z_0'.repeat(12) + 'abcd';
    expect(client.batches.build([request(longest, 'Oslo')])).toEqual([
      { custom_id: longest, params: expect.objectContaining({ model: MODEL }) },
    ]);
  });

  it('submits, polls with progress counts, and collects every outcome in request order', async () => {
    const cities = ['Oslo', 'Lima', 'Quito', 'Accra'];
    server.batches.script({ polls: 2 });
    const progress: BatchProgress[] = [];
    const client = fromAnthropic(anthropic, { model: MODEL });
    const outcomes = await client.batches.run(
      cities.map((c, i) => request(`doc-${i}`, c)),
      { pollIntervalMs: 1, onProgress: (p) => progress.push({ ...p }), metadata: { job: 'spec' } },
    );
    // Message Batches take no metadata: the create body is the requests alone.
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/v1/messages/batches')!;
    expect(Object.keys(create.body)).toEqual(['requests']);
    expect(outcomes.map(summary)).toEqual(cities.map((c, i) => [`doc-${i}`, [W(c)]]));

    // Anthropic counts outcomes only once the batch has ended: done is succeeded.
    const running = progress.filter((p) => p.phase === 'running');
    expect(running.map((p) => [p.done, p.failed])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [4, 0],
    ]);
    // total is the sum of the counts, as the API keeps it (the mock lowers only `processing` while running).
    expect([running[0].total, running.at(-1)!.total]).toEqual([4, 4]);
    expect(running.every((p) => p.batchId === server.batches.created.at(-1)!.id)).toBe(true);
    const collecting = progress.filter((p) => p.phase === 'collecting');
    expect(collecting.map((p) => [p.done, p.failed, p.total])).toEqual(cities.map((_, i) => [i + 1, 0, 4]));
    const polls = server.requests.filter(
      (r) => r.method === 'GET' && /^\/v1\/messages\/batches\/[^/]+$/.test(r.path),
    );
    expect(polls).toHaveLength(3);
    expect(server.requests.filter((r) => r.path.endsWith('/results'))).toHaveLength(1);
  });

  it('types errored, expired, missing, unknown and unparsable lines per request; the others are judged', async () => {
    const zombie = JSON.stringify({
      custom_id: 'zzz',
      result: { type: 'succeeded', message: weatherOf({ messages: [{ content: 'Nowhere' }] }) },
    });
    server.batches.script({
      polls: 0,
      errored: ['b'],
      answer: (params, id) => (id === 'c' ? undefined : weatherOf(params)),
      dropLines: ['d', 'e'],
      extraLines: ['{"custom_id": "e", not json', zombie],
    });
    const progress: BatchProgress[] = [];
    const outcomes = await fromAnthropic(anthropic, { model: MODEL }).batches.run(
      [
        request('a', 'Oslo'),
        request('b', 'Lima'),
        request('c', 'Quito'),
        request('d', 'Accra'),
        request('e', 'Perth'),
      ],
      { pollIntervalMs: 1, onProgress: (p) => progress.push({ ...p }) },
    );
    expect(outcomes.map(summary)).toEqual([
      ['a', [W('Oslo')]],
      ['b', 'batch_request_failed'],
      ['c', 'batch_expired'],
      ['d', 'batch_result_missing'],
      ['e', 'batch_result_unreadable'],
      ['zzz', 'batch_result_unexpected'],
    ]);
    for (const o of outcomes.slice(1)) {
      if (o.ok) throw new Error(`expected ${o.customId} to fail`);
      expect(o.error).toBeInstanceOf(BatchRequestError);
    }
    const b = outcomes[1];
    if (b.ok) throw new Error('expected b to fail');
    const error = b.error as BatchRequestError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('invalid_request_error: Scripted error for request b');
    expect(error.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'Scripted error for request b' },
    });
    expect(error.line).toBe(2);
    // The batch's own counts: 3 succeeded (d's line was dropped), 1 errored, 1 expired.
    const last = progress.filter((p) => p.phase === 'running').at(-1)!;
    expect([last.done, last.failed, last.total]).toEqual([3, 2, 5]);
  });

  it('re-asks a request with bad calls in a follow-up batch, with the turns a single extraction re-asks with', async () => {
    const bad = anthropicToolUseMessage([
      { name: 'Weather', input: { location: 'Lima', units: 'kelvin' }, id: 'toolu_bad' },
      { name: 'GoogleSearch', input: { query: 'lima news' }, id: 'toolu_ok' },
    ]);
    const good = anthropicToolUseMessage([{ name: 'Weather', input: { location: 'Lima', units: 'metric' } }]);

    // The single extraction, for the re-ask body it sends.
    server.enqueue({ json: bad }, { json: good });
    const client = fromAnthropic(anthropic, { model: MODEL });
    await client.extract({ ...single('Lima'), maxRetries: 1 });
    const singleReask = server.requests[1].body;

    const answers = new Map<string, object[]>([['b', [bad, good]]]);
    server.batches.answer = (params, customId) => answers.get(customId)?.shift() ?? weatherOf(params);
    server.batches.script({ polls: 0 }, { polls: 1 });
    const progress: BatchProgress[] = [];
    const outcomes = await client.batches.run([request('a', 'Oslo'), request('b', 'Lima')], {
      maxRetries: 1,
      pollIntervalMs: 1,
      onProgress: (p) => progress.push({ ...p }),
    });
    const [first, second] = server.batches.created.slice(-2);
    expect(first.requests.map((r) => r.custom_id)).toEqual(['a', 'b']);
    expect(second.requests.map((r) => r.custom_id)).toEqual(['b']);
    expect(second.requests[0].params).toEqual(singleReask);
    expect(outcomes[0]).toEqual(expect.objectContaining({ ok: true, data: [W('Oslo')], attempts: 1 }));
    expect(outcomes[1]).toEqual(
      expect.objectContaining({ ok: true, attempts: 2, data: [W('Lima'), S('lima news')] }),
    );
    expect(new Set(progress.map((p) => p.round))).toEqual(new Set([1, 2]));
    expect(progress.at(-1)).toEqual(
      expect.objectContaining({ phase: 'collecting', done: 2, failed: 0, total: 2 }),
    );
  });

  it('cancels: the requests not run end batch_cancelled, the ones run keep their instances', async () => {
    server.batches.script({ polls: 3 });
    const client = fromAnthropic(anthropic, { model: MODEL });
    const job = await client.batches.submit(
      ['Oslo', 'Lima', 'Quito', 'Accra'].map((c, i) => request(`r${i}`, c)),
      { pollIntervalMs: 1 },
    );
    // One poll runs the first request (of four, over three polls); then the cancel.
    await anthropic.messages.batches.retrieve(job.id);
    await job.cancel();
    expect(server.batches.created.at(-1)!.processing_status).toBe('canceling');
    const outcomes = [];
    for await (const o of job.results()) outcomes.push(o);
    expect(job.state.status).toBe('cancelled');
    expect(outcomes.map(summary)).toEqual([
      ['r0', [W('Oslo')]],
      ['r1', 'batch_cancelled'],
      ['r2', 'batch_cancelled'],
      ['r3', 'batch_cancelled'],
    ]);
  });

  it('stops polling on abort without cancelling the batch, and collect() takes it up again by id', async () => {
    server.batches.script({ polls: 3 });
    const client = fromAnthropic(anthropic, { model: MODEL });
    const controller = new AbortController();
    const requests = [request('a', 'Oslo'), request('b', 'Lima')];
    let seen = 0;
    const job = await client.batches.submit(requests, {
      pollIntervalMs: 1,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'running' && ++seen === 2 && controller.abort(),
    });
    await expect(job.results().next()).rejects.toThrow(/abort/i);
    const batch = server.batches.created.at(-1)!;
    expect(batch.processing_status).toBe('in_progress');
    expect(batch.cancel_initiated_at).toBeNull();

    const resumed = await fromAnthropic(anthropic, { model: MODEL }).batches.collect(job.id, requests, {
      pollIntervalMs: 1,
    });
    const outcomes = [];
    for await (const o of resumed.results()) outcomes.push(o);
    expect(outcomes.map(summary)).toEqual([
      ['a', [W('Oslo')]],
      ['b', [W('Lima')]],
    ]);
  });

  it('reads a results file the user downloaded, with the requests', async () => {
    const line = (customId: string, result: object) => `${JSON.stringify({ custom_id: customId, result })}\n`;
    const source = (async function* () {
      yield line('a', { type: 'succeeded', message: weatherOf({ messages: [{ content: 'Oslo' }] }) });
      yield line('c', { type: 'expired' });
    })();
    const outcomes = [];
    const requests = [request('a', 'Oslo'), request('b', 'Quito'), request('c', 'Lima')];
    for await (const o of fromAnthropic(anthropic).batches.readResults(source, { requests }))
      outcomes.push(o);
    expect(outcomes.map(summary)).toEqual([
      ['a', [W('Oslo')]],
      ['c', 'batch_expired'],
      ['b', 'batch_result_missing'],
    ]);
  });

  it('passes an HTTP error of the results download through as the SDK error', async () => {
    server.batches.script({ polls: 0, fault: { on: 'results', status: 500 } });
    const job = await fromAnthropic(anthropic, { model: MODEL }).batches.submit([request('a', 'Oslo')], {
      pollIntervalMs: 1,
    });
    await expect(job.results().next()).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    const download = server.requests.filter((r) => r.path === `/v1/messages/batches/${job.id}/results`);
    expect(download.map((r) => r.headers.accept)).toEqual(['application/binary']);
  });

  it('rejects with the SDK abort error when aborted before the create', async () => {
    const controller = new AbortController();
    controller.abort();
    const created = server.batches.created.length;
    await expect(
      fromAnthropic(anthropic, { model: MODEL }).batches.submit([request('a', 'Oslo')], {
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    expect(server.batches.created.length).toBe(created);
  });

  it.each(['doc 1', 'a/b', 'x'.repeat(65), 'naïve'])(
    'rejects the customId %j with invalid_options before any request',
    async (customId) => {
      const client = fromAnthropic(anthropic, { model: MODEL });
      const attempt = client.batches.submit([request(customId, 'Oslo')]);
      await expect(attempt).rejects.toBeInstanceOf(ParallelToolsError);
      await expect(attempt).rejects.toMatchObject({
        code: 'invalid_options',
        message: expect.stringContaining('1 to 64 letters, digits, "_" or "-"'),
      });
      expect(() => client.batches.build([request(customId, 'Oslo')])).toThrow(/custom_ids of 1 to 64/);
      expect(server.requests).toHaveLength(0);
    },
  );
});
