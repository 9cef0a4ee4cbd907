import OpenAI from 'openai';
import { registerDecorator } from 'class-validator';
import {
  ExtractionError,
  ExtractorHooks,
  Field,
  getValidationContext,
  Tool,
  type HookPayloads,
} from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsStream } from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';

/** A custom validator that reads the request's validationContext. */
function IsKnownCity(): PropertyDecorator {
  return (prototype, key) =>
    registerDecorator({
      name: 'isKnownCity',
      target: prototype.constructor,
      propertyName: key as string,
      validator: {
        validate: (value: unknown) =>
          getValidationContext<{ cities: string[] }>()?.cities.includes(value as string) ?? false,
        defaultMessage: () => `${String(key)} must be a city of the validation context`,
      },
    });
}

@Tool()
class Forecast {
  @Field() @IsKnownCity() city!: string;
}

const weather = (location: string, units: string) => ({ name: 'Weather', arguments: { location, units } });
const search = (query: string) => ({ name: 'GoogleSearch', arguments: { query } });

describe('re-asks, hooks, usage, validation context and cancellation on OpenAI', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;
  const base = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'user' as const, content: 'weather in Toronto and Dallas, and who won the super bowl' },
    ],
    responseModel: [Weather, GoogleSearch] as const,
  };

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('re-asks once, naming the bad property, and returns the calls in the original order', async () => {
    server.enqueueToolCalls([
      { ...weather('Toronto', 'kelvin'), id: 'call_1' },
      { ...search('who won the super bowl'), id: 'call_2' },
    ]);
    server.enqueueToolCalls([{ ...weather('Toronto', 'metric'), id: 'call_3' }]);
    const client = fromOpenAI(openai, { maxRetries: 1 });
    const result = await client.chat.completions.createWithCompletion(base);

    expect(result.data).toEqual([W('Toronto', 'metric'), S('who won the super bowl')]);
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1].body.messages;
    expect(second.slice(0, 1)).toEqual(base.messages);
    expect(second[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'Weather', arguments: '{"location":"Toronto","units":"kelvin"}' },
        },
        { id: 'call_2', type: 'function', function: { name: 'GoogleSearch' } },
      ],
    });
    expect(second[2]).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(second[2].content).toContain('units: units must be one of the following values: imperial, metric');
    expect(second[3]).toEqual({ role: 'tool', tool_call_id: 'call_2', content: 'Accepted.' });
    expect(second).toHaveLength(4);
  });

  it('per-request maxRetries overrides the client, and an unknown tool is told the tool list', async () => {
    server.enqueueToolCalls([{ name: 'Wether', arguments: { location: 'Dallas' }, id: 'call_u' }]);
    server.enqueueToolCalls([weather('Dallas', 'imperial')]);
    const data = await fromOpenAI(openai).chat.completions.create({ ...base, maxRetries: 2 });
    expect(data).toEqual([W('Dallas', 'imperial')]);
    const tool = server.requests[1].body.messages[2];
    expect(tool.tool_call_id).toBe('call_u');
    expect(tool.content).toContain('there is no tool named "Wether". Call one of: Weather, GoogleSearch.');
  });

  it('drops a repeated accepted call from the replacement reply', async () => {
    server.enqueueToolCalls([
      weather('Toronto', 'metric'),
      weather('Dallas', 'celsius'),
      search('super bowl'),
    ]);
    server.enqueueToolCalls([weather('Toronto', 'metric'), weather('Dallas', 'imperial')]);
    const data = await fromOpenAI(openai, { maxRetries: 1 }).chat.completions.create(base);
    expect(data).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial'), S('super bowl')]);
  });

  it('gives up after maxRetries with the attempts, the last failures and every accepted call', async () => {
    server.enqueueToolCalls([weather('Toronto', 'metric'), weather('Dallas', 'celsius')]);
    server.enqueueToolCalls([weather('Dallas', 'fahrenheit')]);
    const error = (await fromOpenAI(openai, { maxRetries: 1 })
      .chat.completions.create(base)
      .catch((e: unknown) => e)) as ExtractionError;
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error.code).toBe('validation_failed');
    expect(error.attempts).toBe(2);
    expect(error.results).toEqual([W('Toronto', 'metric')]);
    expect(error.failures).toHaveLength(1);
    expect(error.failures[0].arguments).toBe('{"location":"Dallas","units":"fahrenheit"}');
    expect(server.requests).toHaveLength(2);
  });

  it('re-asks when the model made no call at all', async () => {
    server.enqueue({
      json: {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Let me think.', refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
      },
    });
    server.enqueueToolCalls([search('q')]);
    const data = await fromOpenAI(openai, { maxRetries: 1 }).chat.completions.create(base);
    expect(data).toEqual([S('q')]);
    expect(server.requests[1].body.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'Let me think.' },
      { role: 'user', content: 'You must call one or more of these tools: Weather, GoogleSearch.' },
    ]);
  });

  it('streams with a re-ask: accepted calls are yielded once, the replacement follows', async () => {
    server.enqueue({
      sse: openAIToolCallsStream([
        weather('Toronto', 'metric'),
        weather('Dallas', 'celsius'),
        search('bowl'),
      ]),
    });
    server.enqueue({
      sse: openAIToolCallsStream([weather('Toronto', 'metric'), weather('Dallas', 'imperial')]),
    });
    const seen: object[] = [];
    for await (const call of fromOpenAI(openai, { maxRetries: 1 }).chat.completions.create({
      ...base,
      stream: true,
    }))
      seen.push(call);
    expect(seen).toEqual([W('Toronto', 'metric'), S('bowl'), W('Dallas', 'imperial')]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].body.stream).toBe(true);
  });

  it('emits hooks in order with their payloads, and sums usage over attempts', async () => {
    server.enqueueToolCalls([weather('Toronto', 'kelvin')], {
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
    server.enqueueToolCalls([weather('Toronto', 'metric')], {
      usage: { prompt_tokens: 30, completion_tokens: 4, total_tokens: 34 },
    });
    const events: Array<[keyof HookPayloads, any]> = [];
    const hooks = new ExtractorHooks();
    for (const name of ['request', 'response', 'parse:error', 'retry', 'error'] as const)
      hooks.on(name, (p) => events.push([name, p]));
    const result = await fromOpenAI(openai, { hooks, maxRetries: 1 }).chat.completions.createWithCompletion(
      base,
    );

    expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 9, totalTokens: 49 });
    expect(events.map(([name, p]) => `${name}#${p.attempt}`)).toEqual([
      'request#1',
      'response#1',
      'parse:error#1',
      'retry#2',
      'request#2',
      'response#2',
    ]);
    expect(events[0][1].params.tools).toHaveLength(2);
    expect(events[0][1].provider).toBe('openai');
    expect(events[1][1].response.usage.total_tokens).toBe(15);
    expect(events[2][1].failures[0]).toMatchObject({ name: 'Weather', code: 'validation_failed' });
    expect(events[4][1].params.messages).toHaveLength(3);
  });

  it('emits the error hook with the final error', async () => {
    server.enqueueToolCalls([weather('Toronto', 'kelvin')]);
    const errors: unknown[] = [];
    const client = fromOpenAI(openai, { hooks: { error: ({ error }) => errors.push(error) } });
    const thrown = await client.chat.completions.create(base).catch((e: unknown) => e);
    expect(errors).toEqual([thrown]);
  });

  it('passes validationContext to custom validators', async () => {
    server.enqueueToolCalls([{ name: 'Forecast', arguments: { city: 'Lisbon' } }]);
    server.enqueueToolCalls([{ name: 'Forecast', arguments: { city: 'Atlantis' } }]);
    const client = fromOpenAI(openai);
    const request = {
      ...base,
      responseModel: [Forecast] as const,
      validationContext: { cities: ['Lisbon', 'Porto'] },
    };
    await expect(client.chat.completions.create(request)).resolves.toEqual([
      Object.assign(new Forecast(), { city: 'Lisbon' }),
    ]);
    await expect(client.chat.completions.create(request)).rejects.toMatchObject({
      code: 'validation_failed',
      failures: [
        expect.objectContaining({ errors: ['city: city must be a city of the validation context'] }),
      ],
    });
  });

  it('abort: a request in flight rejects with the SDK abort error', async () => {
    server.enqueue({ fault: 'never-respond' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      fromOpenAI(openai).chat.completions.create({ ...base, signal: controller.signal }),
    ).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it('abort: mid-stream, after the first call was yielded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const chunks = openAIToolCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    const secondStarts = chunks.findIndex((c: any) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1);
    server.enqueue({
      sse: [...chunks.slice(0, secondStarts + 1), { gate }, ...chunks.slice(secondStarts + 1)],
    });
    const controller = new AbortController();
    const seen: object[] = [];
    const run = (async () => {
      for await (const call of fromOpenAI(openai).chat.completions.create(
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
  });

  it('a stream cut mid-way ends with stream_interrupted after the completed calls', async () => {
    const chunks = openAIToolCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    const secondStarts = chunks.findIndex((c: any) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1);
    server.enqueue({ fault: 'cut-connection', sse: chunks, afterChunks: secondStarts + 2 });
    const seen: object[] = [];
    const error = await (async () => {
      for await (const call of fromOpenAI(openai).chat.completions.create({ ...base, stream: true }))
        seen.push(call);
    })().catch((e: unknown) => e as ExtractionError);
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe('stream_interrupted');
    expect((error as ExtractionError).results).toEqual([W('Toronto', 'metric')]);
  });

  it('leaving the loop early closes the HTTP stream', async () => {
    const signals: AbortSignal[] = [];
    const watched = new OpenAI({
      baseURL: server.baseURL,
      apiKey: 'test',
      maxRetries: 0,
      fetch: (url: any, init?: any) => {
        signals.push(init.signal);
        return fetch(url, init);
      },
    });
    const gate = new Promise<void>(() => undefined); // never released: only closing can end it
    const chunks = openAIToolCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    const secondStarts = chunks.findIndex((c: any) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1);
    server.enqueue({
      sse: [...chunks.slice(0, secondStarts + 1), { gate }, ...chunks.slice(secondStarts + 1)],
    });
    for await (const call of fromOpenAI(watched).chat.completions.create({ ...base, stream: true })) {
      expect(call).toEqual(W('Toronto', 'metric'));
      break;
    }
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });
});
