import { ClientError, VertexAI, type GenerativeModel } from '@google-cloud/vertexai';
import {
  MockGeminiServer,
  geminiFunctionCallsStream,
  vertexAIFetchRedirect,
  type VertexAIRedirect,
} from '../../src/testing';
import { drain } from './drain';

const calls = [
  { name: 'Weather', args: { location: 'Toronto' } },
  { name: 'Weather', args: { location: 'Dallas' } },
];
const MODEL_PATH =
  '/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.0-flash';

describe('MockGeminiServer with @google-cloud/vertexai (vertexAIFetchRedirect)', () => {
  let server: MockGeminiServer;
  let redirect: VertexAIRedirect;
  let model: GenerativeModel;

  beforeEach(async () => {
    // The SDK's constructor prints a deprecation notice on every instance.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    server = await MockGeminiServer.start();
    redirect = vertexAIFetchRedirect(server);
    const vertex = new VertexAI({ project: 'test-project', location: 'us-central1', ...redirect.init });
    model = vertex.getGenerativeModel({ model: 'gemini-2.0-flash' });
  });
  afterEach(async () => {
    redirect.restore();
    jest.restoreAllMocks();
    await server.close();
  });

  it('answers generateContent on the Vertex v1 URL with the stub token', async () => {
    server.enqueueFunctionCalls(calls);
    const result = await model.generateContent({
      contents: [{ role: 'user', parts: [{ text: 'Weather in Toronto and Dallas?' }] }],
      tools: [{ functionDeclarations: [{ name: 'Weather' }] }],
    });

    const parts = result.response.candidates?.[0].content.parts ?? [];
    expect(parts.map((part) => part.functionCall?.args)).toEqual([
      { location: 'Toronto' },
      { location: 'Dallas' },
    ]);
    const [request] = server.requests;
    expect(request.path).toBe(`${MODEL_PATH}:generateContent`);
    expect(request.headers.authorization).toBe('Bearer test-token');
    expect(request.body.tools).toEqual([{ functionDeclarations: [{ name: 'Weather' }] }]);
  });

  it('streams generateContentStream over ?alt=sse', async () => {
    server.enqueue({ sse: geminiFunctionCallsStream(calls) });
    const result = await model.generateContentStream('Weather in Toronto and Dallas?');
    const { items } = await drain(result.stream);
    const locations = items.flatMap((chunk) =>
      chunk.candidates?.[0].content.parts.map((part) => part.functionCall?.args),
    );
    expect(locations).toEqual([{ location: 'Toronto' }, { location: 'Dallas' }]);
    expect((await result.response).candidates?.[0].finishReason).toBe('STOP');
    expect(server.requests[0].url).toBe(`${MODEL_PATH}:streamGenerateContent?alt=sse`);
  });

  it('cuts the stream: both the chunk iterator and the aggregated response reject', async () => {
    server.enqueue({ fault: 'cut-connection', afterChunks: 1, sse: geminiFunctionCallsStream(calls) });
    const result = await model.generateContentStream('Hi');
    // The SDK tees the body: `response` rejects too, and is unhandled unless a test awaits it.
    const aggregated = result.response.catch((error: unknown) => error);
    const { items, error } = await drain(result.stream);
    expect(items).toHaveLength(1);
    expect(error).toBeDefined();
    expect(await aggregated).toMatchObject({ name: 'TypeError' });
  });

  it('surfaces scripted 4xx errors as the SDK ClientError', async () => {
    server.enqueue({ status: 400 });
    await expect(model.generateContent('Hi')).rejects.toBeInstanceOf(ClientError);
  });

  it('rewrites only its own host and port, and restore() puts fetch back', async () => {
    const other = await MockGeminiServer.start();
    const before = globalThis.fetch;
    const second = vertexAIFetchRedirect(other);
    try {
      other.enqueue({ json: { ok: true } });
      // The first redirect still applies underneath the second one.
      server.enqueue({ json: { ok: 'first' } });
      await expect((await fetch(`https://127.0.0.1:${other.port}/x`)).json()).resolves.toEqual({ ok: true });
      await expect((await fetch(`https://127.0.0.1:${server.port}/y`)).json()).resolves.toEqual({
        ok: 'first',
      });
    } finally {
      second.restore();
      await other.close();
    }
    expect(globalThis.fetch).toBe(before);
  });
});
