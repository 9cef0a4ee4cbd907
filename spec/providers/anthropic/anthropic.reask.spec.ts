import Anthropic from '@anthropic-ai/sdk';
import { fromAnthropic } from 'parallel-tools/anthropic';
import { anthropicToolUseStream, MockAnthropicServer } from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';
import { gatedAfter } from '../openai/responses-stream.support';
import { firstToolStop } from './anthropic-stream.support';

type Block = Record<string, any>;

const base = {
  model: 'claude-sonnet-4-5',
  system: 'You must always use tools',
  messages: [
    { role: 'user' as const, content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' },
  ],
  responseModel: [Weather, GoogleSearch] as const,
};
const weather = (location: string, units: string, id?: string) => ({
  name: 'Weather',
  input: { location, units },
  id,
});

describe('Anthropic re-asks, usage and cancellation', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;
  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('echoes the assistant turn, answers every tool_use in one user turn, keeps the valid calls; sums usage', async () => {
    server.enqueueToolUse(
      [
        weather('Toronto', 'metric', 'toolu_a'),
        weather('Dallas', 'kelvin', 'toolu_b'),
        { name: 'GoogleSearch', input: { query: 'super bowl' }, id: 'toolu_c' },
      ],
      {
        thinking: { thinking: 'Three calls.', signature: 'sig-1' },
        text: 'Checking.',
        usage: { input_tokens: 10, output_tokens: 5 },
      },
    );
    server.enqueueToolUse([weather('Dallas', 'imperial', 'toolu_d')], {
      usage: { input_tokens: 20, output_tokens: 3 },
    });
    const result = await fromAnthropic(anthropic).messages.createWithResponse({ ...base, maxRetries: 1 });

    expect(result.data).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial'), S('super bowl')]);
    expect(result.attempts).toBe(2);
    expect(result.usage).toEqual({ promptTokens: 30, completionTokens: 8, totalTokens: 38 });
    expect(server.requests).toHaveLength(2);

    const second = server.requests[1].body;
    expect(second.system).toBe('You must always use tools');
    expect(second.tools.map((t: Block) => t.name)).toEqual(['Weather', 'GoogleSearch']);
    const [question, assistant, user, ...rest] = second.messages as Block[];
    expect(rest).toEqual([]);
    expect(question).toEqual(base.messages[0]);
    expect(assistant.role).toBe('assistant');
    expect(assistant.content).toEqual([
      { type: 'thinking', thinking: 'Three calls.', signature: 'sig-1' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_a', name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
      { type: 'tool_use', id: 'toolu_b', name: 'Weather', input: { location: 'Dallas', units: 'kelvin' } },
      { type: 'tool_use', id: 'toolu_c', name: 'GoogleSearch', input: { query: 'super bowl' } },
    ]);
    expect(user.role).toBe('user');
    expect(user.content.map((b: Block) => [b.type, b.tool_use_id, b.is_error])).toEqual([
      ['tool_result', 'toolu_a', undefined],
      ['tool_result', 'toolu_b', true],
      ['tool_result', 'toolu_c', undefined],
      ['text', undefined, undefined],
    ]);
    expect(user.content[1].content).toMatch(/units must be one of the following values: imperial, metric/);
    expect(user.content[3].text).toMatch(/corrected arguments/);
    // The caller's array is not touched by the re-ask.
    expect(base.messages).toHaveLength(1);
  });

  it('re-asks when the model answered in text only, with the instruction after the echo', async () => {
    server.enqueueToolUse([], { text: 'It is sunny.', stop_reason: 'end_turn' });
    server.enqueueToolUse([weather('Toronto', 'metric')]);
    const calls = await fromAnthropic(anthropic).messages.create({ ...base, maxRetries: 1 });
    expect(calls).toEqual([W('Toronto', 'metric')]);
    const messages = server.requests[1].body.messages as Block[];
    expect(messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'It is sunny.' }] },
      {
        role: 'user',
        content: [{ type: 'text', text: 'You must call one or more of these tools: Weather, GoogleSearch.' }],
      },
    ]);
  });

  it('streams with a re-ask: the assembled reply is echoed with its signature, accepted calls yielded once', async () => {
    server.enqueue({
      sse: anthropicToolUseStream(
        [weather('Toronto', 'metric', 'toolu_a'), weather('Dallas', 'celsius', 'toolu_b')],
        {
          thinking: { thinking: 'Two.', signature: 'sig-stream' },
          fragments: 5,
        },
      ),
    });
    server.enqueue({ sse: anthropicToolUseStream([weather('Dallas', 'imperial', 'toolu_c')]) });
    const seen: object[] = [];
    for await (const call of fromAnthropic(anthropic).messages.create({
      ...base,
      stream: true,
      maxRetries: 1,
    }))
      seen.push(call);
    expect(seen).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial')]);
    const [, assistant, user] = server.requests[1].body.messages as Block[];
    expect(assistant.content).toEqual([
      { type: 'thinking', thinking: 'Two.', signature: 'sig-stream' },
      { type: 'tool_use', id: 'toolu_a', name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
      { type: 'tool_use', id: 'toolu_b', name: 'Weather', input: { location: 'Dallas', units: 'celsius' } },
    ]);
    expect(
      user.content.filter((b: Block) => b.type === 'tool_result').map((b: Block) => b.tool_use_id),
    ).toEqual(['toolu_a', 'toolu_b']);
  });

  it('abort: a request in flight rejects with the SDK abort error', async () => {
    server.enqueue({ fault: 'never-respond' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      fromAnthropic(anthropic).messages.create({ ...base, signal: controller.signal }),
    ).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
  });

  it('abort mid-stream after the first call: the SDK abort error, the HTTP stream closed', async () => {
    const signals: AbortSignal[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events = anthropicToolUseStream([weather('Toronto', 'metric'), weather('Dallas', 'imperial')]);
    server.enqueue({ sse: gatedAfter(events, firstToolStop(events), gate) });
    const controller = new AbortController();
    const seen: object[] = [];
    const run = (async () => {
      for await (const call of fromAnthropic(watchedClient(signals)).messages.create(
        { ...base, stream: true },
        { signal: controller.signal },
      )) {
        seen.push(call);
        controller.abort();
      }
    })();
    await expect(run).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    release();
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });

  it('leaving the loop early closes the HTTP stream', async () => {
    const signals: AbortSignal[] = [];
    const gate = new Promise<void>(() => undefined); // never released: only closing can end it
    const events = anthropicToolUseStream([weather('Toronto', 'metric'), weather('Dallas', 'imperial')]);
    server.enqueue({ sse: gatedAfter(events, firstToolStop(events), gate) });
    for await (const call of fromAnthropic(watchedClient(signals)).messages.create({
      ...base,
      stream: true,
    })) {
      expect(call).toEqual(W('Toronto', 'metric'));
      break;
    }
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });

  function watchedClient(signals: AbortSignal[]): Anthropic {
    return new Anthropic({
      baseURL: server.baseURL,
      apiKey: 'test',
      maxRetries: 0,
      fetch: (url: any, init?: any) => {
        signals.push(init.signal);
        return fetch(url, init);
      },
    });
  }
});
