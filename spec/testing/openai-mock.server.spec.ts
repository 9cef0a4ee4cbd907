import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { MockOpenAIServer, loadFixture, openAIToolCallsStream } from '../../src/testing';
import { describeIfFixtures, fixturePath } from '../support/fixtures';
import { drain } from './drain';

const messages = [{ role: 'user' as const, content: 'Weather in Toronto and Dallas?' }];
const weatherTool = {
  type: 'function' as const,
  function: { name: 'Weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
};
const calls = [
  { name: 'Weather', arguments: { location: 'Toronto' } },
  { name: 'Weather', arguments: { location: 'Dallas' }, id: 'call_dallas' },
];

/** Each tool call's arguments, joined from the stream's fragments by call index. */
function joinArguments(chunks: ChatCompletionChunk[]): string[] {
  const args: string[] = [];
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      args[delta.index] = (args[delta.index] ?? '') + (delta.function?.arguments ?? '');
    }
  }
  return args;
}

describe('MockOpenAIServer with the openai SDK', () => {
  let server: MockOpenAIServer;
  let client: OpenAI;

  beforeEach(async () => {
    server = await MockOpenAIServer.start();
    client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterEach(() => server.close());

  it('answers chat.completions.create with the scripted tool calls and records the request', async () => {
    server.enqueueToolCalls(calls);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
      parallel_tool_calls: true,
    });

    const toolCalls = completion.choices[0].message.tool_calls ?? [];
    expect(toolCalls.map((call) => call.type === 'function' && call.function.arguments)).toEqual([
      '{"location":"Toronto"}',
      '{"location":"Dallas"}',
    ]);
    expect(toolCalls.map((call) => call.id)).toEqual(['call_mock_1', 'call_dallas']);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(server.baseURL).toBe(`http://127.0.0.1:${server.port}/v1`);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request.headers.authorization).toBe('Bearer test');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', messages, parallel_tool_calls: true });
    expect(request.body.tools[0].function.name).toBe('Weather');
    expect(server.pendingReplies).toBe(0);
  });

  it('streams SSE chunks that the SDK reassembles, then [DONE]', async () => {
    server.enqueue({ sse: openAIToolCallsStream(calls, { argumentChunkSize: 4 }) });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });

    const { items, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(joinArguments(items).map((text) => JSON.parse(text))).toEqual([
      { location: 'Toronto' },
      { location: 'Dallas' },
    ]);
    expect(items[items.length - 1].usage).toMatchObject({ prompt_tokens: 50 });
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('lets the SDK retry a 429 (retry-after-ms keeps it fast)', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '5' } }).enqueueToolCalls(calls);
    const retrying = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 1 });

    const completion = await retrying.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion.choices[0].message.tool_calls).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('sends OpenAI-shaped error bodies that the SDK turns into its error classes', async () => {
    server.enqueue({ status: 429 });
    const error = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
  });

  it('fails fast, without SDK retries, when the script runs out', async () => {
    const retrying = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 2 });
    const error = await retrying.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toMatch(/script ran out/);
    expect(server.requests).toHaveLength(1);
  });

  it('cuts the connection mid-stream: iteration throws after the first chunks', async () => {
    server.enqueue({ fault: 'cut-connection', afterChunks: 2, sse: openAIToolCallsStream(calls) });
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const { items, error } = await drain(stream);
    expect(items).toHaveLength(2);
    // The SDK lets undici's error through as is (from Node's realm, so compare the name, not the class).
    expect(error).toMatchObject({ name: 'TypeError', message: 'terminated' });
  });

  it('drops the connection before any byte: a connection error the SDK would retry', async () => {
    server.enqueue({ fault: 'cut-connection' });
    await expect(client.chat.completions.create({ model: 'm', messages })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
  });

  it('sends a malformed body that the SDK cannot parse', async () => {
    server.enqueue({ fault: 'malformed-body' });
    await expect(client.chat.completions.create({ model: 'm', messages })).rejects.toThrow();
  });

  it('never responds: the SDK times out and close() still returns', async () => {
    server.enqueue({ fault: 'never-respond' });
    const pending = client.chat.completions.create({ model: 'm', messages }, { timeout: 100 });
    // Under Jest the SDK reports a plain APIConnectionError: the AbortError (a DOMException from
    // Node's realm) fails its `instanceof Error` check inside Jest's sandbox, so the name is lost.
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('delays the first byte and the gaps between chunks', async () => {
    server.enqueue({
      sse: openAIToolCallsStream(calls.slice(0, 1)),
      latency: { firstByteMs: 80, betweenChunksMs: 30 },
    });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const arrivals: number[] = [];
    for await (const _chunk of stream) arrivals.push(Date.now() - started);
    expect(arrivals[0]).toBeGreaterThanOrEqual(75);
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(25 * (arrivals.length - 1));
  });

  it('holds the stream at a gate until it is released', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const [first, ...rest] = openAIToolCallsStream(calls);
    server.enqueue({ sse: [first, { gate: released }, ...rest] });

    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(first);
    let secondArrived = false;
    const second = iterator.next().then((result) => ((secondArrived = true), result));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondArrived).toBe(false);
    release();
    expect((await second).value).toEqual(rest[0]);
    for (let next = await iterator.next(); !next.done; next = await iterator.next());
  });

  it('serves any other /v1 path from the same queue', async () => {
    server.enqueue({
      json: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'me' }] },
    });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', body: undefined });
  });

  describeIfFixtures('replaying recorded OpenAI responses', () => {
    it('replays the recorded chat.completion with 2 parallel calls', async () => {
      server.enqueue({ json: loadFixture(fixturePath('openai-chat-2-parallel-calls.json')) });
      const completion = await client.chat.completions.create({ model: 'gpt-4o-2024-08-06', messages });
      const names = completion.choices[0].message.tool_calls?.map(
        (call) => call.type === 'function' && call.function.name,
      );
      expect(names).toEqual(['GetWeatherArgs', 'get_stock_price']);
    });

    it('replays the recorded stream (strings sent verbatim, [DONE] appended again)', async () => {
      const payloads = loadFixture<string[]>(fixturePath('openai-chat-stream-2-parallel-calls.sse'));
      expect(payloads).not.toContain('[DONE]');
      server.enqueue({ sse: payloads });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-2024-08-06',
        messages,
        stream: true,
      });
      const args = joinArguments((await drain(stream)).items);
      expect(JSON.parse(args[0])).toMatchObject({ city: 'Edinburgh' });
      expect(JSON.parse(args[1])).toMatchObject({ ticker: 'AAPL' });
    });
  });
});
