import { GoogleGenAI } from '@google/genai';
import { ExtractionError } from 'parallel-tools';
import { fromGenAI } from 'parallel-tools/genai';
import {
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  genAITestOptions,
  MockGeminiServer,
} from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';

const weather = (location: string, units: string) => ({ name: 'Weather', args: { location, units } });
const search = (query: string) => ({ name: 'GoogleSearch', args: { query } });
const reply = (candidate: object, extra: object = {}) => ({
  json: { candidates: [{ index: 0, ...candidate }], ...extra },
});

describe('bad replies, re-asks, interruptions and cancellation on @google/genai', () => {
  let server: MockGeminiServer;
  let ai: GoogleGenAI;
  const base = {
    messages: [
      { role: 'user' as const, content: 'weather in Toronto and Dallas, and who won the super bowl' },
    ],
    responseModel: [Weather, GoogleSearch] as const,
  };
  const failure = (promise: Promise<unknown>): Promise<ExtractionError> =>
    promise.then(
      () => new Error('expected a rejection') as ExtractionError,
      (e: unknown) => e as ExtractionError,
    );

  beforeAll(async () => {
    server = await MockGeminiServer.start();
    ai = new GoogleGenAI(genAITestOptions(server));
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));
  const client = () => fromGenAI(ai, { model: 'gemini-2.5-flash' });

  it.each([
    ['MAX_TOKENS', { finishReason: 'MAX_TOKENS' }, 'incomplete_output', /output token limit/],
    // The SDK drops finishMessage on the Gemini API: only the reason is shown.
    ['SAFETY', { finishReason: 'SAFETY', finishMessage: 'unsafe' }, 'blocked', /\(SAFETY\)/],
    ['RECITATION', { finishReason: 'RECITATION' }, 'blocked', /\(RECITATION\)/],
  ])('finishReason %s fails with %s and keeps the valid calls', async (_, extra, code, message) => {
    const content = { role: 'model', parts: [{ functionCall: search('bowl') }] };
    server.enqueue(reply({ content, ...extra }));
    const error = await failure(client().create(base));
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error).toMatchObject({ code, attempts: 1, results: [S('bowl')] });
    expect(error.message).toMatch(message);
  });

  it('a blocked prompt (promptFeedback.blockReason, no candidates) is blocked', async () => {
    server.enqueue({ json: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } } });
    const error = await failure(client().create({ ...base, maxRetries: 2 }));
    expect(error).toMatchObject({ code: 'blocked', attempts: 1, results: [] });
    expect(error.message).toContain('prompt PROHIBITED_CONTENT');
    expect(server.requests).toHaveLength(1);
  });

  it('empty candidates and a text-only answer are no_tool_calls, saying what the model wrote', async () => {
    server.enqueue({ json: { candidates: [] } });
    const empty = await failure(client().create(base));
    expect(empty).toMatchObject({ code: 'no_tool_calls', results: [], failures: [] });

    server.enqueue(
      reply({
        content: { role: 'model', parts: [{ text: 'I think', thought: true }, { text: 'It is sunny.' }] },
        finishReason: 'STOP',
      }),
    );
    const text = await failure(client().create(base));
    expect(text).toMatchObject({ code: 'no_tool_calls' });
    expect(text.message).toContain('It answered: "It is sunny."');
  });

  it('an unknown function and invalid arguments fail with the valid calls in error.results', async () => {
    server.enqueueFunctionCalls([weather('Toronto', 'kelvin'), search('bowl'), { name: 'Wether', args: {} }]);
    const error = await failure(client().create(base));
    expect(error).toMatchObject({ code: 'validation_failed', results: [S('bowl')] });
    expect(error.failures).toEqual([
      expect.objectContaining({
        name: 'Weather',
        index: 0,
        code: 'validation_failed',
        arguments: { location: 'Toronto', units: 'kelvin' },
      }),
      expect.objectContaining({ name: 'Wether', index: 2, code: 'unknown_tool' }),
    ]);
    expect(error.failures[0].errors).toEqual([
      'units: units must be one of the following values: imperial, metric',
    ]);

    server.enqueueFunctionCalls([{ name: 'Wether', args: {} }, search('bowl')]);
    expect(await failure(client().create(base))).toMatchObject({
      code: 'unknown_tool',
      results: [S('bowl')],
    });
  });

  it('re-asks with the model content (signature kept) and one functionResponse per call, in two requests', async () => {
    const first = geminiFunctionCallsResponse([
      weather('Toronto', 'kelvin'),
      search('who won the super bowl'),
    ]);
    first.candidates[0].content.parts[0].thoughtSignature = 'c2lnbmF0dXJl';
    server.enqueue({ json: first });
    server.enqueueFunctionCalls([weather('Toronto', 'metric')]);
    const result = await fromGenAI(ai, { model: 'gemini-2.5-flash', maxRetries: 1 }).createWithResponse(base);

    expect(result.data).toEqual([W('Toronto', 'metric'), S('who won the super bowl')]);
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    const contents = server.requests[1].body.contents;
    expect(contents).toHaveLength(3);
    expect(contents[0]).toEqual({ role: 'user', parts: [{ text: base.messages[0].content }] });
    expect(contents[1]).toEqual({
      role: 'model',
      parts: [
        {
          functionCall: { name: 'Weather', args: { location: 'Toronto', units: 'kelvin' } },
          thoughtSignature: 'c2lnbmF0dXJl',
        },
        { functionCall: { name: 'GoogleSearch', args: { query: 'who won the super bowl' } } },
      ],
    });
    expect(contents[2].role).toBe('user');
    expect(contents[2].parts).toHaveLength(2);
    expect(contents[2].parts[0].functionResponse.name).toBe('Weather');
    expect(contents[2].parts[0].functionResponse.response.error).toContain(
      'units: units must be one of the following values',
    );
    expect(contents[2].parts[1]).toEqual({
      functionResponse: { name: 'GoogleSearch', response: { result: 'Accepted.' } },
    });
  });

  it('a reply with no call is re-asked with the instruction as a user text part', async () => {
    server.enqueue(reply({ content: { role: 'model', parts: [{ text: 'Hello.' }] }, finishReason: 'STOP' }));
    server.enqueueFunctionCalls([search('bowl')]);
    expect(await client().create({ ...base, maxRetries: 1 })).toEqual([S('bowl')]);
    const contents = server.requests[1].body.contents;
    expect(contents.slice(1)).toEqual([
      { role: 'model', parts: [{ text: 'Hello.' }] },
      { role: 'user', parts: [{ text: 'You must call one or more of these tools: Weather, GoogleSearch.' }] },
    ]);
  });

  it('a stream cut mid-way ends with stream_interrupted after the completed calls', async () => {
    server.enqueue({
      fault: 'cut-connection',
      sse: geminiFunctionCallsStream([weather('Toronto', 'metric'), search('bowl')]),
      afterChunks: 1,
    });
    const seen: object[] = [];
    const error = await failure(
      (async () => {
        for await (const call of client().create({ ...base, stream: true })) seen.push(call);
      })(),
    );
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(error).toMatchObject({ code: 'stream_interrupted', results: [W('Toronto', 'metric')] });
  });

  it('a stream that ends without a finish reason is interrupted too', async () => {
    const chunks = geminiFunctionCallsStream([search('bowl')]);
    delete chunks[0].candidates[0].finishReason;
    server.enqueue({ sse: chunks });
    const error = await failure(
      (async () => {
        for await (const _ of client().create({ ...base, stream: true }));
      })(),
    );
    expect(error).toMatchObject({ code: 'stream_interrupted', results: [S('bowl')] });
  });

  it('streams MAX_TOKENS: the call cut open is dropped, the complete one is in error.results', async () => {
    const chunks = [
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ functionCall: { name: 'GoogleSearch', args: { query: 'bowl' } } }],
            },
          },
        ],
      },
      {
        candidates: [
          { content: { role: 'model', parts: [{ functionCall: { name: 'Weather', willContinue: true } }] } },
        ],
      },
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                {
                  functionCall: {
                    partialArgs: [{ jsonPath: '$.location', stringValue: 'Tor', willContinue: true }],
                    willContinue: true,
                  },
                },
              ],
            },
            finishReason: 'MAX_TOKENS',
          },
        ],
      },
    ];
    server.enqueue({ sse: chunks });
    const seen: object[] = [];
    const error = await failure(
      (async () => {
        for await (const call of client().create({ ...base, stream: true })) seen.push(call);
      })(),
    );
    expect(seen).toEqual([S('bowl')]);
    expect(error).toMatchObject({ code: 'incomplete_output', results: [S('bowl')] });
  });

  it('abort: a request in flight rejects with the abort error, not an ExtractionError', async () => {
    server.enqueue({ fault: 'never-respond' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client().create({ ...base, signal: controller.signal }));
    // The SDK wraps the fetch AbortError in its own Error; it reaches the caller unchanged.
    expect(error).not.toBeInstanceOf(ExtractionError);
    expect(error.cause).toMatchObject({ name: 'AbortError' });
  });

  it('abort: mid-stream, after the first call was yielded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const chunks = geminiFunctionCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    server.enqueue({ sse: [chunks[0], { gate }, ...chunks.slice(1)] });
    const controller = new AbortController();
    const seen: object[] = [];
    const error = await failure(
      (async () => {
        for await (const call of client().create({ ...base, stream: true, signal: controller.signal })) {
          seen.push(call);
          controller.abort();
        }
      })(),
    );
    release();
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(error).not.toBeInstanceOf(ExtractionError);
    expect(error.name).toBe('AbortError');
  });
});
