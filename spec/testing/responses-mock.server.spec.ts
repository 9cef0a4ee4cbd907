import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import {
  loadFixture,
  MockOpenAIServer,
  openAIToolCallsStream,
  responsesFunctionCallsResponse,
  responsesFunctionCallsStream,
} from '../../src/testing';
import { describeIfFixtures, fixturePath } from '../support/fixtures';
import { drain } from './drain';

const calls = [
  { name: 'Weather', arguments: { location: 'Toronto' } },
  { name: 'Weather', arguments: { location: 'Dallas' }, callId: 'call_dallas' },
];

describe('MockOpenAIServer: the Responses API', () => {
  let server: MockOpenAIServer;
  let client: OpenAI;

  beforeEach(async () => {
    server = await MockOpenAIServer.start();
    client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0, logLevel: 'off' });
  });
  afterEach(() => server.close());

  it('answers responses.create with function_call items and records the request', async () => {
    server.enqueueFunctionCalls(calls, { reasoning: { encryptedContent: 'enc' } });
    const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'weather?' });
    expect(response.output.map((i) => i.type)).toEqual(['reasoning', 'function_call', 'function_call']);
    expect(response.output[1]).toEqual({
      id: 'fc_mock_1',
      type: 'function_call',
      status: 'completed',
      arguments: '{"location":"Toronto"}',
      call_id: 'call_mock_1',
      name: 'Weather',
    });
    expect(response.output[2]).toMatchObject({ call_id: 'call_dallas' });
    expect(response.usage?.total_tokens).toBeGreaterThan(50);
    expect(server.requests[0].path).toBe('/v1/responses');
    expect(server.requests[0].body).toEqual({ model: 'gpt-4.1-mini', input: 'weather?' });
  });

  it('streams each event with its event: line and no [DONE]; chat keeps data lines and [DONE]', async () => {
    server.enqueue({ sse: responsesFunctionCallsStream(calls, { argumentChunkSize: 3 }) });
    const res = await fetch(`${server.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', input: 'x', stream: true }),
    });
    const text = await res.text();
    const blocks = text.split('\n\n').filter((b) => b !== '');
    expect(blocks.every((b) => /^event: [a-z_.]+\ndata: \{/.test(b))).toBe(true);
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n');
      expect(eventLine.slice('event: '.length)).toBe(JSON.parse(dataLine.slice('data: '.length)).type);
    }
    expect(text).not.toContain('[DONE]');

    server.enqueue({ sse: openAIToolCallsStream([{ name: 'Weather', arguments: {} }]) });
    const chat = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [], stream: true }),
    }).then((r) => r.text());
    expect(chat).not.toContain('event:');
    expect(chat.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('the SDK reads the built stream: arguments in fragments join to the whole call, in the real order', async () => {
    server.enqueue({ sse: responsesFunctionCallsStream(calls, { argumentChunkSize: 3 }) });
    const stream = await client.responses.create({ model: 'm', input: 'x', stream: true });
    const { items, error } = await drain(stream as AsyncIterable<ResponseStreamEvent>);
    expect(error).toBeUndefined();
    const types = items.map((e) => e.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const deltas = items.filter((e) => e.type === 'response.function_call_arguments.delta') as any[];
    expect(deltas.every((d) => d.delta.length <= 3)).toBe(true);
    const joined = [0, 1].map((i) =>
      deltas
        .filter((d) => d.output_index === i)
        .map((d) => d.delta)
        .join(''),
    );
    expect(joined).toEqual(['{"location":"Toronto"}', '{"location":"Dallas"}']);
    const added = items.find((e) => e.type === 'response.output_item.added') as any;
    expect(added.item).toMatchObject({ type: 'function_call', arguments: '', status: 'in_progress' });
    expect(items.map((e: any) => e.sequence_number)).toEqual(items.map((_, i) => i));
  });

  it('builds incomplete and failed replies, and an error status with the OpenAI error shape', async () => {
    const incomplete = responsesFunctionCallsResponse(calls, { status: 'incomplete' });
    expect(incomplete.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(incomplete.output.at(-1).status).toBe('incomplete');
    const failed = responsesFunctionCallsStream([], { status: 'failed' });
    expect(failed.at(-1)).toMatchObject({ type: 'response.failed', response: { status: 'failed' } });
    server.enqueue({ status: 429, headers: { 'x-should-retry': 'false' } });
    await expect(client.responses.create({ model: 'm', input: 'x' })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });

  it('latency and faults apply to /v1/responses as to chat', async () => {
    server.enqueue({ fault: 'malformed-body' });
    await expect(
      drain((await client.responses.create({ model: 'm', input: 'x', stream: true })) as any),
    ).resolves.toMatchObject({
      error: expect.any(Error),
    });
    server.enqueue({ sse: responsesFunctionCallsStream(calls), latency: { betweenChunksMs: 1 } });
    const { items } = await drain(
      (await client.responses.create({ model: 'm', input: 'x', stream: true })) as any,
    );
    expect(items.length).toBeGreaterThan(8);
  });
});

describeIfFixtures('loadFixture: the recorded Responses traffic', () => {
  it('reads the .jsonl stream, the .json reply and the .chunks.txt streams', () => {
    const stream = loadFixture<any[]>(fixturePath('responses-stream-1-call.jsonl'));
    expect(stream.map((e) => e.type)).toContain('response.output_item.done');
    const reply = loadFixture<any>(fixturePath('responses-o3-reasoning-1-call.json'));
    expect(reply.output.map((i: any) => i.type)).toEqual(['reasoning', 'function_call']);
    const chunks = loadFixture<any[]>(
      fixturePath('more/vercel-ai.openai-reasoning-encrypted-content.1.chunks.txt'),
    );
    expect(chunks.filter((e) => e.type === 'response.completed')).toHaveLength(4);
  });
});
