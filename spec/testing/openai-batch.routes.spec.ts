import OpenAI, { toFile } from 'openai';
import { MockOpenAIServer } from 'parallel-tools/testing';

describe('MockOpenAIServer batch endpoints (through the openai SDK)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());

  const upload = async (lines: object[]) =>
    openai.files.create({
      file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'in.jsonl'),
      purpose: 'batch',
    });
  const line = (id: string) => ({
    custom_id: id,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { n: id },
  });

  it('stores an upload, runs a batch with growing counts over polls, and serves its output file', async () => {
    server.batches.script({ polls: 2, answer: (l) => ({ body: { echo: l.body.n } }) });
    const file = await upload([line('a'), line('b'), line('c')]);
    expect(file).toEqual(expect.objectContaining({ object: 'file', purpose: 'batch', filename: 'in.jsonl' }));
    expect(server.batches.fileContent(file.id)!.split('\n')).toHaveLength(3);

    const created = await openai.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(created.status).toBe('validating');
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const b = await openai.batches.retrieve(created.id);
      seen.push([b.status, b.request_counts?.completed]);
    }
    expect(seen).toEqual([
      ['in_progress', 1],
      ['in_progress', 2],
      ['completed', 3],
    ]);
    const done = await openai.batches.retrieve(created.id);
    const text = await (await openai.files.content(done.output_file_id!)).text();
    const out = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => [o.custom_id, o.response.status_code, o.response.body, o.error])).toEqual([
      ['a', 200, { echo: 'a' }, null],
      ['b', 200, { echo: 'b' }, null],
      ['c', 200, { echo: 'c' }, null],
    ]);
    expect(done.error_file_id).toBeNull();
  });

  it('cancels: the lines not run go to the error file as batch_cancelled', async () => {
    server.batches.script({ polls: 3, answer: () => ({ body: {} }) });
    const file = await upload([line('a'), line('b'), line('c')]);
    const b = await openai.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await openai.batches.retrieve(b.id); // 3 * 1/4 -> 0 done
    expect((await openai.batches.cancel(b.id)).status).toBe('cancelling');
    const after = await openai.batches.retrieve(b.id);
    expect(after.status).toBe('cancelled');
    const errors = (await (await openai.files.content(after.error_file_id!)).text()).trim().split('\n');
    expect(errors.map((l) => JSON.parse(l).error.code)).toEqual([
      'batch_cancelled',
      'batch_cancelled',
      'batch_cancelled',
    ]);
  });

  it('answers unknown ids with 404 and scripted faults once', async () => {
    await expect(openai.batches.retrieve('batch_nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(openai.files.content('file-nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    server.batches.script({ polls: 0, fault: { on: 'create', status: 429 } });
    const file = await upload([line('a')]);
    const params = {
      input_file_id: file.id,
      endpoint: '/v1/chat/completions' as const,
      completion_window: '24h' as const,
    };
    await expect(openai.batches.create(params)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('leaves chat completions to the script', async () => {
    server.enqueueToolCalls([{ name: 'Weather', arguments: { location: 'Oslo' } }]);
    const completion = await openai.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0].message.tool_calls).toHaveLength(1);
  });
});
