import OpenAI from 'openai';
import { ExtractionError, ExtractorHooks, Mode, ParallelToolsError } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, responsesFunctionCallsStream } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';
import { firstItemDone, holdAfter } from './responses-stream.support';

const W = (location: string, units: 'metric' | 'imperial') =>
  Object.assign(new Weather(), { location, units });
const S = (query: string) => Object.assign(new GoogleSearch(), { query });
const seedCalls = [
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
];

describe('fromOpenAI over the Responses API (the seed example)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  const request = {
    model: 'gpt-4.1-mini',
    instructions: 'You must always use tools',
    input: 'What is the weather in toronto and dallas and who won the super bowl?',
    responseModel: [Weather, GoogleSearch] as const,
  };

  it('sends flat function tools and every native field, and returns the calls in output order', async () => {
    server.enqueueFunctionCalls(seedCalls, { reasoning: { summary: 'three calls' } });
    const client = fromOpenAI(openai);
    const calls = await client.responses.create({
      ...request,
      max_output_tokens: 500,
      reasoning: { effort: 'low' },
      store: false,
      include: ['reasoning.encrypted_content'],
      metadata: { run: 'spec' },
    });

    expect(calls.map((c) => c.constructor)).toEqual([Weather, Weather, GoogleSearch]);
    expect(calls).toEqual([W('Toronto', 'metric'), W('Dallas', 'imperial'), S('who won the super bowl')]);

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/responses');
    expect(sent.body).toEqual({
      model: 'gpt-4.1-mini',
      instructions: 'You must always use tools',
      input: [{ role: 'user', content: request.input }],
      max_output_tokens: 500,
      reasoning: { effort: 'low' },
      store: false,
      include: ['reasoning.encrypted_content'],
      metadata: { run: 'spec' },
      tools: [
        {
          type: 'function',
          name: 'Weather',
          description: 'Current weather for a city',
          parameters: {
            type: 'object',
            properties: {
              location: { type: 'string', description: 'City name' },
              units: { type: 'string', enum: ['imperial', 'metric'] },
            },
            required: ['location', 'units'],
            additionalProperties: false,
          },
          strict: false,
        },
        {
          type: 'function',
          name: 'GoogleSearch',
          parameters: {
            type: 'object',
            properties: { query: { type: 'string' } },
            required: ['query'],
            additionalProperties: false,
          },
          strict: false,
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: true,
    });
  });

  it('strict: true sends the strict dialect with strict on every tool', async () => {
    server.enqueueFunctionCalls([seedCalls[2]]);
    await fromOpenAI(openai, { strict: true }).responses.create(request);
    const tools = server.requests[0].body.tools;
    expect(tools.map((t: any) => t.strict)).toEqual([true, true]);
    expect(tools[1]).toEqual({
      type: 'function',
      name: 'GoogleSearch',
      parameters: {
        type: 'object',
        properties: { query: { type: 'string' } },
        required: ['query'],
        additionalProperties: false,
      },
      strict: true,
    });
  });

  it('keeps input items, a caller tool_choice and parallel_tool_calls, and the caller tools first', async () => {
    server.enqueueFunctionCalls([seedCalls[2]]);
    const own = { type: 'function' as const, name: 'lookup', parameters: { type: 'object' }, strict: false };
    await fromOpenAI(openai).responses.create({
      ...request,
      input: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'who won?' },
      ],
      tools: [own],
      tool_choice: 'auto',
      parallel_tool_calls: false,
    });
    const body = server.requests[0].body;
    expect(body.input).toEqual([
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'who won?' },
    ]);
    expect(body.tools.map((t: any) => t.name)).toEqual(['lookup', 'Weather', 'GoogleSearch']);
    expect(body.tool_choice).toBe('auto');
    expect(body.parallel_tool_calls).toBe(false);
  });

  it('createWithResponse keeps reasoning and message items in the raw response and maps usage', async () => {
    server.enqueueFunctionCalls([seedCalls[2]], {
      reasoning: { encryptedContent: 'gAAAA-opaque' },
      text: 'Searching.',
      usage: { input_tokens: 12, output_tokens: 8, total_tokens: 20 },
    });
    const result = await fromOpenAI(openai).responses.createWithResponse(request);
    expect(result.data).toEqual([S('who won the super bowl')]);
    expect(result.attempts).toBe(1);
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 8, totalTokens: 20 });
    expect(result.response.output.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
    ]);
    expect(result.response.output_text).toBe('Searching.');
  });

  it('streams: each call is yielded at its output_item.done while the rest is held back', async () => {
    const events = responsesFunctionCallsStream(seedCalls, { argumentChunkSize: 5 });
    const hold = holdAfter(events, firstItemDone(events));
    server.enqueue({ sse: hold.sse });
    const received: Array<{ call: object; whileHeld: boolean }> = [];
    for await (const call of fromOpenAI(openai).responses.create({ ...request, stream: true })) {
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
    expect(server.requests[0].body.stream_options).toBeUndefined();
  });

  it('Mode.RESPONSES_PARALLEL_TOOLS: extract, extractWithResponse and stream use the Responses API', async () => {
    const client = fromOpenAI(openai, { mode: Mode.RESPONSES_PARALLEL_TOOLS, model: 'gpt-4.1-mini' });
    const messages = [
      { role: 'system' as const, content: 'You must always use tools' },
      { role: 'system' as const, content: 'Answer in English' },
      { role: 'user' as const, content: request.input },
    ];
    server.enqueueFunctionCalls(seedCalls);
    expect(await client.extract({ messages, responseModel: [Weather, GoogleSearch] })).toHaveLength(3);
    server.enqueueFunctionCalls([seedCalls[2]], {
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
    });
    const result = await client.extractWithResponse({
      messages,
      responseModel: [Weather, GoogleSearch],
      providerOptions: { max_output_tokens: 99 },
    });
    expect(result.usage).toEqual({ promptTokens: 1, completionTokens: 2, totalTokens: 3 });
    server.enqueue({ sse: responsesFunctionCallsStream([seedCalls[0]]) });
    const streamed: object[] = [];
    for await (const call of client.stream({ messages, responseModel: [Weather, GoogleSearch] }))
      streamed.push(call);
    expect(streamed).toEqual([W('Toronto', 'metric')]);

    expect(server.requests.map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses', '/v1/responses']);
    // Each system message stays an input message in its place.
    expect(server.requests[0].body.input).toEqual(messages);
    expect(server.requests[0].body.model).toBe('gpt-4.1-mini');
    expect(server.requests[1].body.max_output_tokens).toBe(99);
    expect(client.provider).toBe('openai-responses');
  });

  it('both facades work whatever the mode, and share the hooks', async () => {
    const hooks = new ExtractorHooks();
    const providers: string[] = [];
    hooks.on('request', (p) => providers.push(p.provider));
    const client = fromOpenAI(openai, { mode: Mode.RESPONSES_PARALLEL_TOOLS, hooks });
    server.enqueueToolCalls([seedCalls[2]]);
    const chat = await client.chat.completions.createWithResponse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'who won?' }],
      responseModel: [GoogleSearch],
    });
    expect(chat.data).toEqual([S('who won the super bowl')]);
    expect(chat.response.choices[0].finish_reason).toBe('tool_calls');
    server.enqueueFunctionCalls([seedCalls[2]]);
    expect(await client.responses.create({ ...request, responseModel: [GoogleSearch] })).toEqual([
      S('who won the super bowl'),
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/responses']);
    expect(providers).toEqual(['openai', 'openai-responses']);
  });

  it('a mode fromOpenAI does not serve is invalid_options naming the right factory', () => {
    expect(() => fromOpenAI(openai, { mode: Mode.GENAI_PARALLEL_TOOLS })).toThrow(ParallelToolsError);
    expect(() => fromOpenAI(openai, { mode: Mode.GENAI_PARALLEL_TOOLS })).toThrow(/fromGenAI/);
  });

  it('validation failures keep the valid calls in results', async () => {
    server.enqueueFunctionCalls([
      { name: 'Weather', arguments: { location: 'Toronto', units: 'kelvin' }, callId: 'call_bad' },
      seedCalls[2],
    ]);
    const e = (await fromOpenAI(openai)
      .responses.create(request)
      .catch((error: unknown) => error)) as ExtractionError;
    expect(e).toBeInstanceOf(ExtractionError);
    expect(e.code).toBe('validation_failed');
    expect(e.results).toEqual([S('who won the super bowl')]);
    expect(e.failures).toEqual([
      expect.objectContaining({ name: 'Weather', id: 'call_bad', index: 0, code: 'validation_failed' }),
    ]);
  });
});
