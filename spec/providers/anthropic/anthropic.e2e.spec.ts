import Anthropic from '@anthropic-ai/sdk';
import { ExtractionError, ExtractorHooks, Mode, ParallelToolsError } from 'parallel-tools';
import { DEFAULT_MAX_TOKENS, fromAnthropic, toAnthropicTool } from 'parallel-tools/anthropic';
import { anthropicToolUseStream, MockAnthropicServer } from 'parallel-tools/testing';
import { getToolDefinition } from 'parallel-tools';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';
import { holdAfter } from '../openai/responses-stream.support';
import { firstToolStop } from './anthropic-stream.support';
import { Refresh } from './anthropic-tools';

const seedCalls = [
  { name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', input: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', input: { query: 'who won the super bowl' } },
];
const QUESTION = 'What is the weather in toronto and dallas and who won the super bowl?';

describe('fromAnthropic over the Messages API (the seed example)', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;

  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const request = {
    model: 'claude-sonnet-4-5',
    system: 'You must always use tools',
    messages: [{ role: 'user' as const, content: QUESTION }],
    responseModel: [Weather, GoogleSearch] as const,
  };

  it('sends one tool per class, tool_choice any and every native field; returns the calls in block order', async () => {
    server.enqueueToolUse(seedCalls, { text: 'Looking these up.' });
    const calls = await fromAnthropic(anthropic).messages.create({
      ...request,
      max_tokens: 777,
      service_tier: 'standard_only',
      metadata: { user_id: 'spec-user' },
      stop_sequences: ['END'],
      output_config: { effort: 'low' },
    });

    expect(calls.map((c) => c.constructor)).toEqual([Weather, Weather, GoogleSearch]);
    expect(calls).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial'), S('who won the super bowl')]);

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['anthropic-version']).toBeDefined();
    expect(sent.body).toEqual({
      model: 'claude-sonnet-4-5',
      system: 'You must always use tools',
      messages: [{ role: 'user', content: QUESTION }],
      max_tokens: 777,
      service_tier: 'standard_only',
      metadata: { user_id: 'spec-user' },
      stop_sequences: ['END'],
      output_config: { effort: 'low' },
      tools: [
        {
          name: 'Weather',
          description: 'Current weather for a city',
          input_schema: getToolDefinition(Weather).parameters,
        },
        { name: 'GoogleSearch', input_schema: getToolDefinition(GoogleSearch).parameters },
      ],
      tool_choice: { type: 'any' },
    });
    expect(sent.body.tools[0].input_schema.type).toBe('object');
    expect(sent.body.tools[0]).toEqual(toAnthropicTool(Weather));
  });

  it('fills max_tokens from maxTokens (default 4096) and keeps a caller tool_choice and tools first', async () => {
    server.enqueueToolUse([seedCalls[2]]);
    server.enqueueToolUse([seedCalls[2]]);
    const own = { name: 'Calculator', input_schema: { type: 'object' as const, properties: {} } };
    await fromAnthropic(anthropic).messages.create({
      ...request,
      tools: [own],
      tool_choice: { type: 'auto' },
    });
    await fromAnthropic(anthropic, { maxTokens: 321 }).messages.create(request);
    expect(server.requests[0].body.max_tokens).toBe(DEFAULT_MAX_TOKENS);
    expect(DEFAULT_MAX_TOKENS).toBe(4096);
    expect(server.requests[0].body.tool_choice).toEqual({ type: 'auto' });
    expect(server.requests[0].body.tools.map((t: { name: string }) => t.name)).toEqual([
      'Calculator',
      'Weather',
      'GoogleSearch',
    ]);
    expect(server.requests[1].body.max_tokens).toBe(321);
  });

  it('createWithResponse keeps text and thinking blocks in the raw message and maps usage', async () => {
    server.enqueueToolUse([seedCalls[2]], {
      thinking: { thinking: 'One search.', signature: 'sig-1' },
      text: 'Searching.',
      usage: { input_tokens: 11, output_tokens: 7, cache_read_input_tokens: 5 },
    });
    const result = await fromAnthropic(anthropic).messages.createWithResponse({
      ...request,
      responseModel: [GoogleSearch],
    });
    expect(result.data).toEqual([S('who won the super bowl')]);
    expect(result.response.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(result.response.usage.cache_read_input_tokens).toBe(5);
    expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 7, totalTokens: 18 });
    expect(result.attempts).toBe(1);
  });

  it('a tool without parameters: an input of {} is a call', async () => {
    server.enqueueToolUse([{ name: 'Refresh' }, seedCalls[2]]);
    const calls = await fromAnthropic(anthropic).messages.create({
      ...request,
      responseModel: [Refresh, GoogleSearch],
    });
    expect(calls[0]).toBeInstanceOf(Refresh);
    expect(calls[1]).toEqual(S('who won the super bowl'));
  });

  it('streams: each call is yielded at its closing JSON while the rest of the stream is held back', async () => {
    const events = anthropicToolUseStream(seedCalls, { text: 'On it.', fragments: 4 });
    const hold = holdAfter(events, firstToolStop(events) - 1);
    server.enqueue({ sse: hold.sse });
    const received: Array<{ call: object; whileHeld: boolean }> = [];
    for await (const call of fromAnthropic(anthropic).messages.create({ ...request, stream: true })) {
      received.push({ call, whileHeld: hold.state.held });
      hold.release();
    }
    hold.done();
    expect(received.map((r) => r.whileHeld)).toEqual([true, false, false]);
    expect(received.map((r) => r.call)).toEqual([
      W('Toronto', 'metric'),
      W('Dallas', 'imperial'),
      S('who won the super bowl'),
    ]);
    expect(server.requests[0].body.stream).toBe(true);
  });

  it('the neutral API: system messages become the top-level system, assistant the assistant role', async () => {
    const client = fromAnthropic(anthropic, { model: 'claude-haiku-4-5', maxTokens: 64 });
    const messages = [
      { role: 'system' as const, content: 'You must always use tools' },
      { role: 'system' as const, content: 'Answer in English' },
      { role: 'user' as const, content: 'Weather in Toronto?' },
      { role: 'assistant' as const, content: 'Which units?' },
      { role: 'user' as const, content: 'Metric.' },
    ];
    server.enqueueToolUse([seedCalls[0]]);
    expect(await client.extract({ messages, responseModel: [Weather] })).toEqual([W('Toronto', 'metric')]);
    server.enqueueToolUse([seedCalls[2]], { usage: { input_tokens: 1, output_tokens: 2 } });
    const result = await client.extractWithResponse({
      messages,
      responseModel: [GoogleSearch],
      providerOptions: { max_tokens: 99, system: 'Be brief' },
    });
    expect(result.usage).toEqual({ promptTokens: 1, completionTokens: 2, totalTokens: 3 });
    server.enqueue({ sse: anthropicToolUseStream([seedCalls[0]]) });
    const streamed: object[] = [];
    for await (const call of client.stream({ messages, responseModel: [Weather] })) streamed.push(call);
    expect(streamed).toEqual([W('Toronto', 'metric')]);

    const [first, second, third] = server.requests.map((r) => r.body);
    expect(first.model).toBe('claude-haiku-4-5');
    expect(first.max_tokens).toBe(64);
    expect(first.system).toBe('You must always use tools\n\nAnswer in English');
    expect(first.messages).toEqual([
      { role: 'user', content: 'Weather in Toronto?' },
      { role: 'assistant', content: 'Which units?' },
      { role: 'user', content: 'Metric.' },
    ]);
    expect(second.max_tokens).toBe(99);
    expect(second.system).toBe('Be brief\n\nYou must always use tools\n\nAnswer in English');
    expect(third.stream).toBe(true);
    expect(client.provider).toBe('anthropic');
  });

  it('hooks see the request and the response', async () => {
    const hooks = new ExtractorHooks();
    const seen: string[] = [];
    hooks.on('request', (p) => seen.push(`request:${p.provider}`));
    hooks.on('response', () => seen.push('response'));
    server.enqueueToolUse([seedCalls[2]]);
    await fromAnthropic(anthropic, { hooks }).messages.create({ ...request, responseModel: [GoogleSearch] });
    expect(seen).toEqual(['request:anthropic', 'response']);
  });

  it('a mode fromAnthropic does not serve, or a bad maxTokens, is invalid_options naming the fix', () => {
    expect(() => fromAnthropic(anthropic, { mode: Mode.PARALLEL_TOOLS })).toThrow(ParallelToolsError);
    expect(() => fromAnthropic(anthropic, { mode: Mode.PARALLEL_TOOLS })).toThrow(/fromOpenAI/);
    expect(() => fromAnthropic(anthropic, { maxTokens: 0 })).toThrow(/maxTokens must be a positive integer/);
    expect(fromAnthropic(anthropic, { mode: Mode.ANTHROPIC_PARALLEL_TOOLS }).provider).toBe('anthropic');
  });

  it('validation failures keep the valid calls in results, with the tool_use id', async () => {
    server.enqueueToolUse([
      { name: 'Weather', input: { location: 'Toronto', units: 'kelvin' }, id: 'toolu_bad' },
      seedCalls[2],
    ]);
    const e = (await fromAnthropic(anthropic)
      .messages.create(request)
      .catch((error: unknown) => error)) as ExtractionError;
    expect(e).toBeInstanceOf(ExtractionError);
    expect(e.code).toBe('validation_failed');
    expect(e.results).toEqual([S('who won the super bowl')]);
    expect(e.failures).toEqual([
      expect.objectContaining({ name: 'Weather', id: 'toolu_bad', index: 0, code: 'validation_failed' }),
    ]);
  });
});
