import { ApiError, GoogleGenAI, type GoogleGenAIOptions } from '@google/genai';
import {
  MockGeminiServer,
  genAITestOptions,
  geminiFunctionCallsStream,
  loadFixture,
} from '../../src/testing';
import { describeIfFixtures, fixturePath } from '../support/fixtures';
import { drain } from './drain';

const calls = [
  { name: 'Weather', args: { location: 'Toronto' } },
  { name: 'Weather', args: { location: 'Dallas' } },
];
const tools = [{ functionDeclarations: [{ name: 'Weather', description: 'Current weather' }] }];
const model = 'gemini-2.5-flash';

const modes = [
  {
    mode: 'Gemini API',
    // Written out: what genAITestOptions(server) returns. `fetch` is passed because the SDK's own
    // undici dispatcher is missing inside Jest's sandbox. @google/genai 3.x defaults to v1, not v1beta.
    options: (server: MockGeminiServer): GoogleGenAIOptions => ({
      apiKey: 'test-key',
      httpOptions: { baseUrl: server.baseURL, fetch: (input, init) => fetch(input, init) },
    }),
    modelPath: `/v1/models/${model}`,
    auth: ['x-goog-api-key', 'test-key'],
  },
  {
    mode: 'Vertex',
    options: (server: MockGeminiServer): GoogleGenAIOptions => genAITestOptions(server, { vertexai: true }),
    modelPath: `/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/${model}`,
    auth: ['authorization', 'Bearer test-token'],
  },
];

describe('MockGeminiServer with @google/genai', () => {
  let server: MockGeminiServer;
  let ai: GoogleGenAI;

  beforeEach(async () => {
    server = await MockGeminiServer.start();
  });
  afterEach(() => server.close());

  describe.each(modes)('$mode mode', ({ options, modelPath, auth: [header, value] }) => {
    beforeEach(() => {
      ai = new GoogleGenAI(options(server));
    });

    it('answers generateContent and records the URL, auth header and body', async () => {
      server.enqueueFunctionCalls(calls);
      const response = await ai.models.generateContent({ model, contents: 'Weather?', config: { tools } });

      expect(response.functionCalls?.map((call) => call.args)).toEqual([
        { location: 'Toronto' },
        { location: 'Dallas' },
      ]);
      const [request] = server.requests;
      expect(request.path).toBe(`${modelPath}:generateContent`);
      expect(request.headers[header]).toBe(value);
      expect(request.body.contents).toEqual([{ role: 'user', parts: [{ text: 'Weather?' }] }]);
      expect(request.body.tools).toEqual(tools);
    });

    it('streams generateContentStream chunks over ?alt=sse', async () => {
      server.enqueue({ sse: geminiFunctionCallsStream(calls, { text: 'Checking.' }) });
      const { items, error } = await drain(await ai.models.generateContentStream({ model, contents: 'Hi' }));

      expect(error).toBeUndefined();
      expect(items.map((chunk) => chunk.functionCalls?.[0]?.args ?? chunk.text)).toEqual([
        'Checking.',
        { location: 'Toronto' },
        { location: 'Dallas' },
      ]);
      expect(items[2].candidates?.[0].finishReason).toBe('STOP');
      expect(server.requests[0].url).toBe(`${modelPath}:streamGenerateContent?alt=sse`);
    });
  });

  describe('scripts and faults', () => {
    beforeEach(() => {
      ai = new GoogleGenAI(genAITestOptions(server));
    });

    it('sends a JSON reply to a stream URL as a single SSE chunk', async () => {
      server.enqueueFunctionCalls(calls);
      const { items } = await drain(await ai.models.generateContentStream({ model, contents: 'Hi' }));
      expect(items).toHaveLength(1);
      expect(items[0].functionCalls).toHaveLength(2);
    });

    it('answers an sse script on the non-stream URL with a 500 naming the mistake', async () => {
      server.enqueue({ sse: geminiFunctionCallsStream(calls) });
      const error = await ai.models.generateContent({ model, contents: 'Hi' }).catch((e) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(500);
      expect(error.message).toMatch(/sse reply was scripted for the non-streaming URL/);
    });

    it('sends Google-shaped error bodies', async () => {
      server.enqueue({ status: 429 });
      const error = await ai.models.generateContent({ model, contents: 'Hi' }).catch((e) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(429);
      expect(error.message).toMatch(/RESOURCE_EXHAUSTED/);
    });

    it('cuts the stream after the first chunks', async () => {
      server.enqueue({ fault: 'cut-connection', afterChunks: 1, sse: geminiFunctionCallsStream(calls) });
      const { items, error } = await drain(await ai.models.generateContentStream({ model, contents: 'Hi' }));
      expect(items).toHaveLength(1);
      expect(error).toBeDefined();
    });
  });

  describeIfFixtures('replaying recorded Gemini / Vertex responses', () => {
    beforeEach(() => {
      ai = new GoogleGenAI(genAITestOptions(server, { vertexai: true }));
    });

    it('replays the recorded generateContent reply with 2 function calls', async () => {
      server.enqueue({ json: loadFixture(fixturePath('gemini-generate-2-function-calls.json')) });
      const response = await ai.models.generateContent({ model, contents: 'Hi' });
      expect(response.functionCalls?.map((call) => call.args)).toEqual([
        { resourceType: 'user' },
        { resourceType: 'usergroup' },
      ]);
    });

    it.each([
      ['vertex-stream-1-call.jsonl', 2],
      ['vertex-stream-partial-args-2-calls.jsonl', 8],
      ['vertex-stream-partial-args-4-calls.jsonl', 15],
    ])('replays the recorded stream %s chunk by chunk', async (file, count) => {
      const chunks = loadFixture<any[]>(fixturePath(file));
      expect(chunks).toHaveLength(count);
      server.enqueue({ sse: chunks });
      const { items, error } = await drain(await ai.models.generateContentStream({ model, contents: 'Hi' }));
      expect(error).toBeUndefined();
      expect(items).toHaveLength(count);
      expect(items[0].candidates?.[0].content?.parts?.[0]).toEqual(chunks[0].candidates[0].content.parts[0]);
    });
  });
});
