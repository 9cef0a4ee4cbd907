import { VertexAI } from '@google-cloud/vertexai';
import { MockGeminiServer, vertexAIFetchRedirect } from 'parallel-tools/testing';
import { fromVertexAI } from 'parallel-tools/vertexai';
import { MODEL, type Driver } from './driver';
import { GEMINI_TRAITS, geminiWire } from './gemini-wire';

/** Gemini through `@google-cloud/vertexai` (which builds https URLs only: fetch is redirected). */
export async function vertexAIDriver(): Promise<Driver> {
  const server = await MockGeminiServer.start();
  const redirect = vertexAIFetchRedirect(server);
  return {
    name: 'vertexai',
    server,
    traits: GEMINI_TRAITS,
    sdkErrors: {
      connectionCut: { name: 'GoogleGenerativeAIError', message: /exception posting request/ },
      http500: { name: 'GoogleGenerativeAIError', message: /got status: 500/ },
      http429: { name: 'ClientError', message: /got status: 429 Too Many Requests/ },
      timeout: { name: 'GoogleGenerativeAIError', message: /exception posting request/ },
      abort: { name: 'AbortError' },
    },
    ...geminiWire(),
    extractor(options = {}, sdk = {}) {
      // The SDK's constructor prints a deprecation notice each time; it says nothing about the test.
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const vertex = new VertexAI({ project: 'test-project', location: 'us-central1', ...redirect.init });
        const model = vertex.getGenerativeModel({ model: MODEL }, { timeout: sdk.timeout });
        return fromVertexAI(model, options);
      } finally {
        warn.mockRestore();
      }
    },
    async close() {
      redirect.restore();
      await server.close();
    },
  };
}
