import { VertexAI, type GenerativeModel } from '@google-cloud/vertexai';
import { ExtractionError, Mode, ParallelToolsError } from 'parallel-tools';
import { fromVertexAI } from 'parallel-tools/vertexai';
import {
  geminiFunctionCallsStream,
  loadFixture,
  MockGeminiServer,
  vertexAIFetchRedirect,
  type SseItem,
  type VertexAIRedirect,
} from 'parallel-tools/testing';
import { describeIfFixtures, FIXTURES_DIR, fixturePath } from '../../support/fixtures';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';
import {
  GET_RESOURCE_SCHEMA_DECLARATION,
  GetResourceSchema,
  GetWeather,
} from '../gemini/gemini-fixture.tools';

const MODEL_PATH =
  '/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash';
const weather = (location: string, units: string) => ({ name: 'Weather', args: { location, units } });
const search = (query: string) => ({ name: 'GoogleSearch', args: { query } });

describe('fromVertexAI over HTTP through @google-cloud/vertexai', () => {
  let server: MockGeminiServer;
  let redirect: VertexAIRedirect;
  let model: GenerativeModel;
  const messages = [
    { role: 'system' as const, content: 'You must always use tools' },
    {
      role: 'user' as const,
      content: 'What is the weather in toronto and dallas and who won the super bowl?',
    },
  ];

  beforeAll(async () => {
    server = await MockGeminiServer.start();
    redirect = vertexAIFetchRedirect(server);
    // The SDK's constructor prints a deprecation notice.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    model = new VertexAI({
      project: 'test-project',
      location: 'us-central1',
      ...redirect.init,
    }).getGenerativeModel({
      model: 'gemini-2.5-flash',
    });
    warn.mockRestore();
  });
  afterAll(async () => {
    redirect.restore();
    await server.close();
  });
  beforeEach(() => server.requests.splice(0));

  it('returns every call as an instance and sends declarations, tool config, system instruction and roles', async () => {
    server.enqueueFunctionCalls(
      [weather('Toronto', 'metric'), weather('Dallas', 'imperial'), search('who won the super bowl')],
      {
        usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 30, totalTokenCount: 70 },
      },
    );
    const client = fromVertexAI(model, { mode: Mode.VERTEXAI_PARALLEL_TOOLS });
    const result = await client.createWithResponse({
      messages: [
        ...messages,
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', parts: [{ text: 'Go.' }] },
      ],
      responseModel: [Weather, GoogleSearch],
      generationConfig: { temperature: 0 },
      labels: { team: 'a' },
    });

    expect(result.data).toEqual([
      W('Toronto', 'metric'),
      W('Dallas', 'imperial'),
      S('who won the super bowl'),
    ]);
    expect(result.data[2]).toBeInstanceOf(GoogleSearch);
    expect(result.usage).toEqual({ promptTokens: 40, completionTokens: 30, totalTokens: 70 });
    expect(result.response.candidates?.[0].finishReason).toBe('STOP');

    const { path, body } = server.requests[0];
    expect(path).toBe(`${MODEL_PATH}:generateContent`);
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: messages[1].content }] },
      { role: 'model', parts: [{ text: 'Noted.' }] },
      { role: 'user', parts: [{ text: 'Go.' }] },
    ]);
    expect(body.systemInstruction).toEqual({
      role: 'system',
      parts: [{ text: 'You must always use tools' }],
    });
    expect(body.tools[0].functionDeclarations.map((d: any) => d.name)).toEqual(['Weather', 'GoogleSearch']);
    expect(body.tools[0].functionDeclarations[0].parameters.properties.units).toEqual({
      type: 'STRING',
      format: 'enum',
      enum: ['imperial', 'metric'],
    });
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['Weather', 'GoogleSearch'] },
    });
    expect(body.generationConfig).toEqual({ temperature: 0 });
    expect(body.labels).toEqual({ team: 'a' });
  });

  it('neutral provider options become generationConfig; the model stays the GenerativeModel one', async () => {
    server.enqueueFunctionCalls([search('q')]);
    const calls = await fromVertexAI(model).extract({
      model: 'other-model',
      messages,
      responseModel: [GoogleSearch],
      providerOptions: { temperature: 0.5, maxOutputTokens: 64 },
    });
    expect(calls).toEqual([S('q')]);
    expect(server.requests[0].path).toBe(`${MODEL_PATH}:generateContent`);
    expect(server.requests[0].body.generationConfig).toEqual({ temperature: 0.5, maxOutputTokens: 64 });
    expect(() => fromVertexAI(model, { mode: Mode.GENAI_PARALLEL_TOOLS })).toThrow(
      expect.objectContaining({
        constructor: ParallelToolsError,
        code: 'invalid_options',
        message: expect.stringContaining('Use fromGenAI'),
      }),
    );
  });

  it('SAFETY with a finish message is blocked, and a re-ask sends functionResponse parts', async () => {
    server.enqueue({
      json: {
        candidates: [
          {
            index: 0,
            content: { role: 'model', parts: [] },
            finishReason: 'SAFETY',
            finishMessage: 'unsafe',
          },
        ],
      },
    });
    const blocked = await fromVertexAI(model)
      .create({ messages, responseModel: [Weather] })
      .catch((e: unknown) => e as ExtractionError);
    expect(blocked).toMatchObject({ code: 'blocked', message: expect.stringContaining('(SAFETY: unsafe)') });

    server.enqueueFunctionCalls([weather('Toronto', 'kelvin')]);
    server.enqueueFunctionCalls([weather('Toronto', 'metric')]);
    expect(
      await fromVertexAI(model, { maxRetries: 1 }).create({ messages, responseModel: [Weather] }),
    ).toEqual([W('Toronto', 'metric')]);
    const contents = server.requests[2].body.contents;
    expect(contents.slice(1, 2)).toEqual([
      { role: 'model', parts: [{ functionCall: weather('Toronto', 'kelvin') }] },
    ]);
    expect(contents[2].parts[0].functionResponse).toMatchObject({
      name: 'Weather',
      response: { error: expect.stringContaining('units') },
    });
  });

  it('streams each call as it arrives', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const chunks = geminiFunctionCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    server.enqueue({ sse: [chunks[0], { gate }, ...chunks.slice(1)] });
    let held = true;
    const safety = setTimeout(() => ((held = false), release()), 3000);
    const received: Array<[object, boolean]> = [];
    for await (const call of fromVertexAI(model).create({
      messages,
      responseModel: [Weather, GoogleSearch],
      stream: true,
    })) {
      received.push([call, held]);
      held = false;
      release();
    }
    clearTimeout(safety);
    expect(received).toEqual([
      [W('Toronto', 'metric'), true],
      [S('bowl'), false],
    ]);
    expect(server.requests[0].url).toBe(`${MODEL_PATH}:streamGenerateContent?alt=sse`);
  });

  it('abort: rejects at once with the signal reason, before and during a request, and mid-stream', async () => {
    const client = fromVertexAI(model);
    const before = new AbortController();
    before.abort();
    await expect(
      client.create({ messages, responseModel: [Weather], signal: before.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(0);

    server.enqueue({ fault: 'never-respond' });
    const during = new AbortController();
    setTimeout(() => during.abort(), 50);
    await expect(
      client.create({ messages, responseModel: [Weather], signal: during.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    const chunks = geminiFunctionCallsStream([weather('Toronto', 'metric'), search('bowl')]);
    server.enqueue({ sse: [chunks[0], { gate: new Promise(() => undefined) }] });
    const mid = new AbortController();
    const seen: object[] = [];
    const error = await (async () => {
      for await (const call of client.create({
        messages,
        responseModel: [Weather, GoogleSearch],
        stream: true,
        signal: mid.signal,
      })) {
        seen.push(call);
        mid.abort();
      }
    })().catch((e: unknown) => e as Error);
    expect(seen).toEqual([W('Toronto', 'metric')]);
    expect(error).not.toBeInstanceOf(ExtractionError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  describeIfFixtures(`recorded replies (${FIXTURES_DIR})`, () => {
    it('replays the Gemini generateContent reply with text around two calls', async () => {
      server.enqueue({ json: loadFixture(fixturePath('gemini-generate-2-function-calls.json')) });
      const calls = await fromVertexAI(model).create({
        messages: [{ role: 'user', content: 'How many users are in each user group?' }],
        responseModel: [GetResourceSchema],
      });
      expect(calls).toEqual([
        Object.assign(new GetResourceSchema(), { resourceType: 'user' }),
        Object.assign(new GetResourceSchema(), { resourceType: 'usergroup' }),
      ]);
      const body = server.requests[0].body;
      expect(body.tools).toEqual([{ functionDeclarations: [GET_RESOURCE_SCHEMA_DECLARATION] }]);
      expect(body.toolConfig).toEqual({
        functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_resource_schema'] },
      });
      expect(body.contents).toEqual([
        { role: 'user', parts: [{ text: 'How many users are in each user group?' }] },
      ]);
    });

    it('assembles streamed partialArgs through this SDK too', async () => {
      const sse: SseItem[] = loadFixture<object[]>(fixturePath('vertex-stream-partial-args-2-calls.jsonl'));
      server.enqueue({ sse });
      const calls: object[] = [];
      for await (const call of fromVertexAI(model).create({
        messages,
        responseModel: [GetWeather],
        stream: true,
      }))
        calls.push(call);
      expect(calls).toEqual([
        Object.assign(new GetWeather(), { location: 'Boston' }),
        Object.assign(new GetWeather(), { location: 'San Francisco' }),
      ]);
    });
  });
});
