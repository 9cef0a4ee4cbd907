import { GoogleGenAI } from '@google/genai';
import { Field, Mode, ParallelToolsError, Tool } from 'parallel-tools';
import { fromGenAI } from 'parallel-tools/genai';
import {
  geminiFunctionCallsStream,
  genAITestOptions,
  loadFixture,
  MockGeminiServer,
  type SseItem,
} from 'parallel-tools/testing';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';
import { GoogleSearch, S, W, Weather, seedMessages } from '../../support/seed-tools';
import {
  GET_RESOURCE_SCHEMA_DECLARATION,
  GetResourceSchema,
  GetWeather,
  ReadScreen,
  ReadTheme,
  WeatherOf,
} from '../gemini/gemini-fixture.tools';

const VERTEX_PATH = '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models';

describe('fromGenAI over HTTP (the seed example)', () => {
  let server: MockGeminiServer;
  beforeAll(async () => (server = await MockGeminiServer.start()));
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it.each([
    ['Gemini API', false, '/v1/models/gemini-2.5-flash:generateContent'],
    ['Vertex', true, `${VERTEX_PATH}/gemini-2.5-flash:generateContent`],
  ])(
    'returns every call as an instance and sends declarations, tool config and roles (%s)',
    async (_, vertexai, path) => {
      server.enqueueFunctionCalls(
        [
          { name: 'Weather', args: { location: 'Toronto', units: 'metric' } },
          { name: 'Weather', args: { location: 'Dallas', units: 'imperial' } },
          { name: 'GoogleSearch', args: { query: 'who won the super bowl' } },
        ],
        {
          usageMetadata: {
            promptTokenCount: 40,
            candidatesTokenCount: 30,
            thoughtsTokenCount: 5,
            totalTokenCount: 75,
          },
        },
      );
      const ai = new GoogleGenAI(genAITestOptions(server, { vertexai }));
      const client = fromGenAI(ai, { mode: Mode.GENAI_PARALLEL_TOOLS, model: 'gemini-2.5-flash' });
      const result = await client.createWithResponse({
        messages: [
          ...seedMessages,
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: 'Go.' },
        ],
        responseModel: [Weather, GoogleSearch],
        config: { temperature: 0 },
      });

      expect(result.data).toEqual([
        W('Toronto', 'metric'),
        W('Dallas', 'imperial'),
        S('who won the super bowl'),
      ]);
      expect(result.data.map((c) => c.constructor)).toEqual([Weather, Weather, GoogleSearch]);
      expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 35, totalTokens: 75 });
      expect(result.attempts).toBe(1);
      expect(result.response.functionCalls).toHaveLength(3);

      expect(server.requests).toHaveLength(1);
      const { path: sentPath, body } = server.requests[0];
      expect(sentPath).toBe(path);
      expect(body.contents).toEqual([
        { role: 'user', parts: [{ text: seedMessages[1].content }] },
        { role: 'model', parts: [{ text: 'Noted.' }] },
        { role: 'user', parts: [{ text: 'Go.' }] },
      ]);
      expect(body.systemInstruction).toMatchObject({ parts: [{ text: 'You must always use tools' }] });
      expect(body.tools).toEqual([
        {
          functionDeclarations: [
            {
              name: 'Weather',
              description: 'Current weather for a city',
              parameters: {
                type: 'OBJECT',
                properties: {
                  location: { type: 'STRING', description: 'City name' },
                  units: { type: 'STRING', format: 'enum', enum: ['imperial', 'metric'] },
                },
                required: ['location', 'units'],
              },
            },
            {
              name: 'GoogleSearch',
              parameters: { type: 'OBJECT', properties: { query: { type: 'STRING' } }, required: ['query'] },
            },
          ],
        },
      ]);
      expect(body.toolConfig).toEqual({
        functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['Weather', 'GoogleSearch'] },
      });
      expect(body.generationConfig).toEqual({ temperature: 0 });
    },
  );

  it('the neutral Extractor API reaches the same request; the request model overrides the default', async () => {
    server.enqueueFunctionCalls([{ name: 'GoogleSearch', args: { query: 'q' } }]);
    const client = fromGenAI(new GoogleGenAI(genAITestOptions(server)), { model: 'gemini-2.5-flash' });
    const calls = await client.extract({
      model: 'gemini-2.5-pro',
      messages: seedMessages,
      responseModel: [Weather, GoogleSearch],
      providerOptions: { maxOutputTokens: 100 },
    });
    expect(calls).toEqual([S('q')]);
    const sent = server.requests[0];
    expect(sent.path).toBe('/v1/models/gemini-2.5-pro:generateContent');
    expect(sent.body.generationConfig).toEqual({ maxOutputTokens: 100 });
    expect(sent.body.systemInstruction).toMatchObject({ parts: [{ text: 'You must always use tools' }] });
  });

  it("keeps the caller's function calling mode and tools after its own declarations", async () => {
    server.enqueueFunctionCalls([{ name: 'GoogleSearch', args: { query: 'q' } }]);
    const client = fromGenAI(new GoogleGenAI(genAITestOptions(server)), { model: 'gemini-2.5-flash' });
    await client.create({
      messages: [{ role: 'user', parts: [{ text: 'native content' }] }],
      responseModel: [GoogleSearch],
      config: {
        systemInstruction: 'Be brief.',
        toolConfig: { functionCallingConfig: { mode: 'AUTO' as any } },
        tools: [{ functionDeclarations: [{ name: 'other' }] }],
      },
    });
    const body = server.requests[0].body;
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'native content' }] }]);
    expect(body.systemInstruction).toMatchObject({ parts: [{ text: 'Be brief.' }] });
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(body.tools.map((t: any) => t.functionDeclarations.map((d: any) => d.name))).toEqual([
      ['GoogleSearch'],
      ['other'],
    ]);
  });

  it('refuses more than 128 declarations, a wrong mode and a missing model before any request', async () => {
    const ai = new GoogleGenAI(genAITestOptions(server));
    const many = Array.from({ length: 129 }, (_, i) => {
      @Tool({ name: `tool_${i}` })
      class Many {}
      return Many;
    });
    const client = fromGenAI(ai, { model: 'gemini-2.5-flash' });
    await expect(client.create({ messages: seedMessages, responseModel: many as any })).rejects.toMatchObject(
      {
        code: 'schema_limit_exceeded',
        message: expect.stringContaining('at most 128'),
      },
    );
    await expect(
      fromGenAI(ai).create({ messages: seedMessages, responseModel: [Weather] }),
    ).rejects.toMatchObject({
      constructor: ParallelToolsError,
      code: 'invalid_options',
      message: expect.stringContaining("fromGenAI(ai, { model: 'gemini-2.5-flash' })"),
    });
    expect(() => fromGenAI(ai, { mode: Mode.PARALLEL_TOOLS })).toThrow(
      expect.objectContaining({
        constructor: ParallelToolsError,
        code: 'invalid_options',
        message: expect.stringContaining(
          "Use fromOpenAI (from 'parallel-tools/openai') for Mode.PARALLEL_TOOLS",
        ),
      }),
    );
    expect(server.requests).toHaveLength(0);
  });
});

describeIfFixtures('Google Gen AI recorded replies through the real SDK', () => {
  let server: MockGeminiServer;
  beforeAll(async () => (server = await MockGeminiServer.start()));
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  const messages = [{ role: 'user' as const, content: 'How many users are in each user group?' }];
  const R = (resourceType: string) => Object.assign(new GetResourceSchema(), { resourceType });

  it.each([
    ['Gemini API', false],
    ['Vertex', true],
  ])('replays the Gemini generateContent reply with text around two calls (%s)', async (_, vertexai) => {
    server.enqueue({ json: loadFixture(fixturePath('gemini-generate-2-function-calls.json')) });
    const client = fromGenAI(new GoogleGenAI(genAITestOptions(server, { vertexai })), {
      model: 'gemini-2.0-flash',
    });
    const calls = await client.create({ messages, responseModel: [GetResourceSchema] });

    expect(calls).toEqual([R('user'), R('usergroup')]);
    expect(calls[0]).toBeInstanceOf(GetResourceSchema);
    const body = server.requests[0].body;
    expect(body.tools).toEqual([{ functionDeclarations: [GET_RESOURCE_SCHEMA_DECLARATION] }]);
    expect(body.toolConfig.functionCallingConfig).toEqual({
      mode: 'ANY',
      allowedFunctionNames: ['get_resource_schema'],
    });
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: messages[0].content }] }]);
    expect(body.systemInstruction).toBeUndefined();
  });

  /** Streams a .jsonl fixture, holding the rest of it after `holdAfter` chunks until the first instance arrives. */
  async function streamHeld(
    file: string,
    holdAfter: number,
    responseModel: any,
  ): Promise<Array<{ call: object; whileHeld: boolean }>> {
    const chunks = loadFixture<object[]>(fixturePath(file));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sse: SseItem[] = [...chunks.slice(0, holdAfter), { gate }, ...chunks.slice(holdAfter)];
    server.enqueue({ sse });
    let held = true;
    // If the library waited for the whole reply, only this timer would let the stream finish.
    const safety = setTimeout(() => ((held = false), release()), 3000);
    const client = fromGenAI(new GoogleGenAI(genAITestOptions(server, { vertexai: true })), {
      model: 'gemini-3-pro-preview',
    });
    const received: Array<{ call: object; whileHeld: boolean }> = [];
    try {
      for await (const call of client.create({ messages, responseModel, stream: true })) {
        received.push({ call, whileHeld: held });
        held = false;
        release();
      }
    } finally {
      clearTimeout(safety);
    }
    expect(server.requests[0].url).toBe(`${VERTEX_PATH}/gemini-3-pro-preview:streamGenerateContent?alt=sse`);
    return received;
  }

  it('assembles streamed partialArgs (2 calls), yielding the first before the stream ends', async () => {
    // Chunks 0-3: the first call's name, two argument pieces and its empty terminator.
    const received = await streamHeld('vertex-stream-partial-args-2-calls.jsonl', 4, [GetWeather]);
    expect(received.map((r) => r.call)).toEqual([
      Object.assign(new GetWeather(), { location: 'Boston' }),
      Object.assign(new GetWeather(), { location: 'San Francisco' }),
    ]);
    expect(received.map((r) => r.whileHeld)).toEqual([true, false]);
  });

  it('streams 4 calls in order, the one without arguments included, past a thought part', async () => {
    // Chunk 1 is read_theme, whole: hold everything after it.
    const received = await streamHeld('vertex-stream-partial-args-4-calls.jsonl', 2, [ReadTheme, ReadScreen]);
    expect(received.map((r) => r.call)).toEqual([
      new ReadTheme(),
      Object.assign(new ReadScreen(), { id: 'A' }),
      Object.assign(new ReadScreen(), { id: 'B' }),
      Object.assign(new ReadScreen(), { id: 'C' }),
    ]);
    expect(received[0].call).toBeInstanceOf(ReadTheme);
    expect(received.map((r) => r.whileHeld)).toEqual([true, false, false, false]);
  });

  it('streams the classic one-chunk call with its thought signature', async () => {
    const received = await streamHeld('vertex-stream-1-call.jsonl', 1, [WeatherOf]);
    expect(received.map((r) => r.call)).toEqual([
      Object.assign(new WeatherOf(), { location: 'San Francisco' }),
    ]);
    expect(received[0].whileHeld).toBe(true);
  });
  it('re-asks after streamed partialArgs with the model parts rebuilt whole, signature kept (Gemini API mode)', async () => {
    @Tool({ name: 'getWeather' })
    class StrictWeather {
      @Field() location!: string;
      @Field({ enum: ['metric', 'imperial'] }) units!: string;
    }
    const fixed = (location: string) => ({ name: 'getWeather', args: { location, units: 'metric' } });
    server.enqueue({ sse: loadFixture<object[]>(fixturePath('vertex-stream-partial-args-2-calls.jsonl')) });
    server.enqueue({ sse: geminiFunctionCallsStream([fixed('Boston'), fixed('San Francisco')]) });
    // The Gemini API mode of the SDK throws on partialArgs or willContinue in a request: the re-ask must not carry them.
    const client = fromGenAI(new GoogleGenAI(genAITestOptions(server)), {
      model: 'gemini-3-pro-preview',
      maxRetries: 1,
    });
    const calls: object[] = [];
    for await (const call of client.create({ messages, responseModel: [StrictWeather], stream: true }))
      calls.push(call);

    expect(calls).toEqual([
      Object.assign(new StrictWeather(), { location: 'Boston', units: 'metric' }),
      Object.assign(new StrictWeather(), { location: 'San Francisco', units: 'metric' }),
    ]);
    expect(server.requests).toHaveLength(2);
    const [, model, results] = server.requests[1].body.contents;
    expect(model).toEqual({
      role: 'model',
      parts: [
        {
          functionCall: { name: 'getWeather', args: { location: 'Boston' } },
          thoughtSignature: expect.stringMatching(/^CiMB/),
        },
        { functionCall: { name: 'getWeather', args: { location: 'San Francisco' } } },
      ],
    });
    expect(results.role).toBe('user');
    expect(results.parts.map((p: any) => p.functionResponse.name)).toEqual(['getWeather', 'getWeather']);
    expect(results.parts[0].functionResponse.response.error).toContain('units');
  });
});
