import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import {
  MockOpenAIServer,
  responsesFunctionCallsResponse,
  responsesFunctionCallsStream,
} from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';
import { firstItemDone, gatedAfter } from './responses-stream.support';

const W = (location: string, units: 'metric' | 'imperial') =>
  Object.assign(new Weather(), { location, units });
const S = (query: string) => Object.assign(new GoogleSearch(), { query });
const weather = (location: string, units: string, callId?: string) => ({
  name: 'Weather',
  arguments: { location, units },
  ...(callId ? { callId } : {}),
});

describe('Responses re-asks, usage and cancellation', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;
  const base = {
    model: 'o4-mini',
    input: [{ role: 'user' as const, content: 'weather in Toronto and Dallas, and who won the super bowl' }],
    store: false,
    responseModel: [Weather, GoogleSearch] as const,
  };

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));
  afterEach(() => expect(server.pendingReplies).toBe(0));

  it('echoes every output item as it came, then one function_call_output per call_id; sums usage', async () => {
    const firstReply = responsesFunctionCallsResponse(
      [
        weather('Toronto', 'kelvin', 'call_1'),
        { name: 'GoogleSearch', arguments: { query: 'bowl' }, callId: 'call_2' },
      ],
      {
        reasoning: { encryptedContent: 'gAAAA-secret', summary: 'two calls' },
        text: 'Checking.',
        usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      },
    );
    server.enqueue({ json: firstReply });
    server.enqueueFunctionCalls([weather('Toronto', 'metric', 'call_3')], {
      usage: { input_tokens: 30, output_tokens: 4, total_tokens: 34 },
    });
    const result = await fromOpenAI(openai, { maxRetries: 1 }).responses.createWithResponse(base);

    expect(result.data).toEqual([W('Toronto', 'metric'), S('bowl')]);
    expect(result.attempts).toBe(2);
    expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 9, totalTokens: 49 });

    const first = server.requests[0].body;
    const second = server.requests[1].body;
    expect(second.store).toBe(false);
    expect(second.previous_response_id).toBeUndefined();
    expect(second.tools).toEqual(first.tools);
    expect(firstReply.output.map((i: any) => i.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    expect(second.input).toEqual([
      ...base.input,
      ...firstReply.output,
      {
        type: 'function_call_output',
        call_id: 'call_1',
        output: expect.stringContaining('units: units must be one of the following values: imperial, metric'),
      },
      { type: 'function_call_output', call_id: 'call_2', output: 'Accepted.' },
    ]);
    expect(second.input[1]).toEqual({
      id: 'rs_mock_1',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'two calls' }],
      encrypted_content: 'gAAAA-secret',
    });
  });

  it("groups a wrapper's inner calls into one function_call_output for its call_id", async () => {
    const wrapper = {
      name: 'multi_tool_use.parallel',
      callId: 'call_wrap',
      arguments: {
        tool_uses: [
          { recipient_name: 'functions.Weather', parameters: { location: 'Toronto', units: 'metric' } },
          { recipient_name: 'functions.Weather', parameters: { location: 'Dallas', units: 'celsius' } },
        ],
      },
    };
    server.enqueueFunctionCalls([
      wrapper,
      { name: 'GoogleSearch', arguments: { query: 'bowl' }, callId: 'call_s' },
    ]);
    server.enqueueFunctionCalls([weather('Dallas', 'imperial')]);
    const data = await fromOpenAI(openai, { maxRetries: 1 }).responses.create(base);
    expect(data).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial'), S('bowl')]);

    const input = server.requests[1].body.input;
    const outputs = input.filter((i: any) => i.type === 'function_call_output');
    expect(outputs.map((o: any) => o.call_id)).toEqual(['call_wrap', 'call_s']);
    expect(outputs[0].output).toMatch(
      /^1\. Weather: Accepted\.\n2\. Weather: Error: this Weather call was rejected/,
    );
    expect(outputs[0].output).toContain('units must be one of the following values: imperial, metric');
    expect(outputs[1].output).toBe('Accepted.');
    expect(input.filter((i: any) => i.type === 'function_call').map((i: any) => i.name)).toEqual([
      'multi_tool_use.parallel',
      'GoogleSearch',
    ]);
  });

  it('re-asks when the model answered in text, with the message item echoed and the instruction', async () => {
    server.enqueueFunctionCalls([], { text: 'Let me think.' });
    server.enqueueFunctionCalls([{ name: 'GoogleSearch', arguments: { query: 'q' } }]);
    const data = await fromOpenAI(openai, { maxRetries: 1 }).responses.create(base);
    expect(data).toEqual([S('q')]);
    expect(server.requests[1].body.input.slice(1)).toEqual([
      {
        id: 'msg_mock_1',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Let me think.', annotations: [] }],
      },
      { role: 'user', content: 'You must call one or more of these tools: Weather, GoogleSearch.' },
    ]);
  });

  it('streams with a re-ask: the assembled reply is echoed, accepted calls are yielded once', async () => {
    server.enqueue({
      sse: responsesFunctionCallsStream(
        [weather('Toronto', 'metric', 'call_a'), weather('Dallas', 'celsius', 'call_b')],
        { reasoning: { encryptedContent: 'gAAAA-stream' } },
      ),
    });
    server.enqueue({ sse: responsesFunctionCallsStream([weather('Dallas', 'imperial', 'call_c')]) });
    const seen: object[] = [];
    for await (const call of fromOpenAI(openai, { maxRetries: 1 }).responses.create({
      ...base,
      stream: true,
    }))
      seen.push(call);
    expect(seen).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial')]);
    const input = server.requests[1].body.input;
    expect(server.requests[1].body.stream).toBe(true);
    expect(input.map((i: any) => i.type ?? i.role)).toEqual([
      'user',
      'reasoning',
      'function_call',
      'function_call',
      'function_call_output',
      'function_call_output',
    ]);
    expect(input[1].encrypted_content).toBe('gAAAA-stream');
    expect(input[3]).toMatchObject({
      call_id: 'call_b',
      arguments: '{"location":"Dallas","units":"celsius"}',
    });
    expect(input.slice(4).map((o: any) => o.call_id)).toEqual(['call_a', 'call_b']);
  });

  it('abort: a request in flight rejects with the SDK abort error', async () => {
    server.enqueue({ fault: 'never-respond' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      fromOpenAI(openai).responses.create({ ...base, signal: controller.signal }),
    ).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it('abort mid-stream after the first call: the SDK abort error, the HTTP stream closed', async () => {
    const signals: AbortSignal[] = [];
    const watched = watchedClient(signals);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events = responsesFunctionCallsStream([
      weather('Toronto', 'metric'),
      weather('Dallas', 'imperial'),
    ]);
    server.enqueue({ sse: gatedAfter(events, firstItemDone(events), gate) });
    const controller = new AbortController();
    const seen: object[] = [];
    const run = (async () => {
      for await (const call of fromOpenAI(watched).responses.create(
        { ...base, stream: true },
        { signal: controller.signal },
      )) {
        seen.push(call);
        controller.abort();
      }
    })();
    await expect(run).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    release();
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });

  it('leaving the loop early closes the HTTP stream', async () => {
    const signals: AbortSignal[] = [];
    const watched = watchedClient(signals);
    const gate = new Promise<void>(() => undefined); // never released: only closing can end it
    const events = responsesFunctionCallsStream([
      weather('Toronto', 'metric'),
      weather('Dallas', 'imperial'),
    ]);
    server.enqueue({ sse: gatedAfter(events, firstItemDone(events), gate) });
    for await (const call of fromOpenAI(watched).responses.create({ ...base, stream: true })) {
      expect(call).toEqual(W('Toronto', 'metric'));
      break;
    }
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });

  function watchedClient(signals: AbortSignal[]): OpenAI {
    return new OpenAI({
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
