import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { anthropicToolUseMessage, anthropicToolUseStream } from '../../src/testing';
import { toolUses, useAnthropicServer } from './anthropic-setup';
import { drain } from './drain';

const messages = [{ role: 'user' as const, content: 'Weather in Toronto and Dallas?' }];
const params = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages };
const calls = [
  { name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', input: { location: 'Dallas', units: 'imperial' }, id: 'toolu_dallas' },
  { name: 'Ping' },
];

describe('MockAnthropicServer with the @anthropic-ai/sdk', () => {
  const setup = useAnthropicServer();

  it('answers messages.create with the scripted tool_use blocks and records the request', async () => {
    setup.server.enqueueToolUse(calls, { text: 'Checking.', thinking: { thinking: 'Two cities.' } });
    const message = await setup.client.messages.create({ ...params, tool_choice: { type: 'any' } });

    expect(message.content.map((b) => b.type)).toEqual([
      'thinking',
      'text',
      'tool_use',
      'tool_use',
      'tool_use',
    ]);
    expect(message.content[0]).toMatchObject({ thinking: 'Two cities.', signature: expect.any(String) });
    expect(toolUses(message)).toEqual([
      ['Weather', { location: 'Toronto', units: 'metric' }],
      ['Weather', { location: 'Dallas', units: 'imperial' }],
      ['Ping', {}],
    ]);
    expect(message.content.slice(2).map((b) => b.type === 'tool_use' && b.id)).toEqual([
      'toolu_mock_1',
      'toolu_dallas',
      'toolu_mock_3',
    ]);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'tool_use' });
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage).toMatchObject({ input_tokens: 50, cache_read_input_tokens: 0 });

    expect(setup.server.baseURL).toBe(`http://127.0.0.1:${setup.server.port}`);
    const [request] = setup.server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages' });
    // SDK 1.x sends the API key as a bearer token (setup.client.ts, apiKeyAuth), not as x-api-key.
    expect(request.headers.authorization).toBe('Bearer test');
    expect(request.headers['anthropic-version']).toEqual(expect.any(String));
    expect(request.body).toEqual({ ...params, tool_choice: { type: 'any' } });
    expect(setup.server.pendingReplies).toBe(0);
  });

  it('sends every stream event with an event: line naming its type, and no end marker', async () => {
    setup.server.enqueue({ sse: anthropicToolUseStream(calls.slice(0, 1), { text: 'Hi' }) });
    const res = await fetch(`${setup.server.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, stream: true }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const blocks = (await res.text()).split('\n\n').filter((b) => b !== '');
    expect(blocks.every((b) => /^event: [a-z_]+\ndata: \{/.test(b))).toBe(true);
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n');
      expect(eventLine.slice('event: '.length)).toBe(JSON.parse(dataLine.slice('data: '.length)).type);
    }
    expect(blocks.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}');
  });

  it('streams to messages.create({ stream: true }) in the real order, input JSON in fragments', async () => {
    setup.server.enqueue({ sse: anthropicToolUseStream(calls, { fragments: 4, text: 'Checking.' }) });
    const stream = await setup.client.messages.create({ ...params, stream: true });
    const { items, error } = await drain<RawMessageStreamEvent>(stream);
    expect(error).toBeUndefined();
    // The SDK drops ping events; the rest arrive in order.
    const types = items.map((e) => e.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.slice(1, 4)).toEqual(['content_block_start', 'content_block_delta', 'content_block_stop']);
    const partials = (index: number) =>
      items.flatMap((e) =>
        e.type === 'content_block_delta' && e.index === index && e.delta.type === 'input_json_delta'
          ? [e.delta.partial_json]
          : [],
      );
    expect(partials(1)).toHaveLength(5);
    expect(partials(1)[0]).toBe('');
    expect(JSON.parse(partials(1).join(''))).toEqual(calls[0].input);
    // A tool without parameters gets the empty fragment only, as the real API sends it.
    expect(partials(3)).toEqual(['']);
    const start = items.find((e) => e.type === 'content_block_start' && e.index === 2);
    expect(start).toMatchObject({ content_block: { type: 'tool_use', id: 'toolu_dallas', input: {} } });
    const delta = items.find((e) => e.type === 'message_delta');
    expect(delta).toMatchObject({ delta: { stop_reason: 'tool_use', stop_sequence: null } });
    expect(setup.server.requests[0].body).toMatchObject({ stream: true });
  });

  it('messages.stream() accumulates the tool_use inputs, thinking and text of the built stream', async () => {
    setup.server.enqueue({
      sse: anthropicToolUseStream(calls, {
        fragments: 7,
        thinking: { thinking: 'Two cities.', signature: 'sig-1' },
        text: 'Checking.',
      }),
    });
    const message = await setup.client.messages.stream(params).finalMessage();
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: 'Two cities.',
      signature: 'sig-1',
    });
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Checking.' });
    expect(toolUses(message)).toEqual([
      ['Weather', { location: 'Toronto', units: 'metric' }],
      ['Weather', { location: 'Dallas', units: 'imperial' }],
      ['Ping', {}],
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.output_tokens).toBeGreaterThan(1);
  });

  it('maps HTTP statuses to Anthropic error bodies and the SDK error classes', async () => {
    const cases: Array<[number, unknown, string]> = [
      [400, Anthropic.BadRequestError, 'invalid_request_error'],
      [401, Anthropic.AuthenticationError, 'authentication_error'],
      [403, Anthropic.PermissionDeniedError, 'permission_error'],
      [404, Anthropic.NotFoundError, 'not_found_error'],
      [429, Anthropic.RateLimitError, 'rate_limit_error'],
      [500, Anthropic.InternalServerError, 'api_error'],
      [529, Anthropic.OverloadedError, 'overloaded_error'],
    ];
    for (const [status, errorClass, type] of cases) {
      setup.server.enqueue({ status });
      const error = await setup.client.messages.create(params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass as typeof Anthropic.APIError);
      expect(error).toMatchObject({ status, type, error: { type: 'error', error: { type } } });
    }
  });

  it('lets the SDK retry a 529 (retry-after-ms keeps it fast)', async () => {
    setup.server.enqueue({ status: 529, headers: { 'retry-after-ms': '5' } }).enqueueToolUse(calls);
    const retrying = new Anthropic({ baseURL: setup.server.baseURL, apiKey: 'test', maxRetries: 1 });
    const message = await retrying.messages.create(params);
    expect(toolUses(message)).toHaveLength(3);
    expect(setup.server.requests).toHaveLength(2);
  });

  it('fails fast, without SDK retries, when the script runs out', async () => {
    const retrying = new Anthropic({ baseURL: setup.server.baseURL, apiKey: 'test', maxRetries: 2 });
    const error = await retrying.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect((error as Error).message).toMatch(/script ran out/);
    expect(setup.server.requests).toHaveLength(1);
  });

  it('names an sse reply scripted for a non-streaming request', async () => {
    setup.server.enqueue({ sse: anthropicToolUseStream(calls) });
    await expect(setup.client.messages.create(params)).rejects.toThrow(/without stream: true/);
  });

  it('sends an error event mid-stream: the SDK throws an APIError with its type', async () => {
    const [start, ...rest] = anthropicToolUseStream(calls);
    const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    setup.server.enqueue({ sse: [start, rest[0], overloaded, ...rest.slice(1)] });
    const { items, error } = await drain(await setup.client.messages.create({ ...params, stream: true }));
    expect(items.map((e) => e.type)).toEqual(['message_start', 'content_block_start']);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ type: 'overloaded_error' });
  });

  it('cuts the connection mid-stream: iteration and finalMessage() reject after the first events', async () => {
    setup.server.enqueue({ fault: 'cut-connection', afterChunks: 3, sse: anthropicToolUseStream(calls) });
    const { items, error } = await drain(await setup.client.messages.create({ ...params, stream: true }));
    expect(items.map((e) => e.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    // The SDK wraps undici's 'terminated' TypeError (internal/shims.ts, iterBody).
    expect(error).toBeInstanceOf(Anthropic.APIConnectionError);
    expect((error as Error).cause).toMatchObject({ name: 'TypeError', message: 'terminated' });

    setup.server.enqueue({ fault: 'cut-connection', afterChunks: 6, sse: anthropicToolUseStream(calls) });
    await expect(setup.client.messages.stream(params).finalMessage()).rejects.toThrow();
  });

  it('drops the connection before any byte, or sends a malformed body: the SDK rejects', async () => {
    setup.server.enqueue(
      { fault: 'cut-connection' },
      { fault: 'malformed-body' },
      { fault: 'malformed-body' },
    );
    await expect(setup.client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.APIConnectionError);
    await expect(setup.client.messages.create(params)).rejects.toThrow();
    const { error } = await drain(await setup.client.messages.create({ ...params, stream: true }));
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('honours latency: a reply held before its first byte arrives after a quicker one', async () => {
    setup.server.enqueue(
      { json: anthropicToolUseMessage([], { text: 'slow' }), latency: { firstByteMs: 150 } },
      { json: anthropicToolUseMessage([], { text: 'quick' }) },
    );
    const order: string[] = [];
    const record = (p: Promise<Anthropic.Message>) =>
      p.then((m) => order.push(m.content[0].type === 'text' ? m.content[0].text : '?'));
    const slow = record(setup.client.messages.create(params));
    // The second request is sent once the first one is recorded, so each takes its own reply.
    while (setup.server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([slow, record(setup.client.messages.create(params))]);
    expect(order).toEqual(['quick', 'slow']);
  });
});
