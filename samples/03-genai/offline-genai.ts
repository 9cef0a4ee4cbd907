import { GoogleGenAI } from '@google/genai';
import { MockGeminiServer } from 'parallel-tools/testing';

/**
 * A `@google/genai` client for the sample: the Gemini API when GEMINI_API_KEY or GOOGLE_API_KEY is
 * set, otherwise a local server that replays a scripted model reply over the real
 * `generateContent` wire protocol. (For Vertex AI: `new GoogleGenAI({ vertexai: true, project, location })`.)
 */
export async function sampleGenAI(): Promise<{ ai: GoogleGenAI; close: () => Promise<void> }> {
  const apiKey = process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY;
  if (apiKey) {
    console.log('Using the Gemini API (GEMINI_API_KEY or GOOGLE_API_KEY is set).');
    return { ai: new GoogleGenAI({ apiKey }), close: async () => {} };
  }
  const server = await MockGeminiServer.start();
  server.enqueueFunctionCalls([
    { name: 'Weather', args: { location: 'Toronto', units: 'metric' } },
    { name: 'Weather', args: { location: 'Dallas', units: 'imperial' } },
    { name: 'GoogleSearch', args: { query: 'who won the super bowl' } },
  ]);
  console.log(
    `GEMINI_API_KEY is not set: running offline against a local replay server at ${server.baseURL}`,
  );
  console.log(
    '(it answers over the real Gemini API generateContent protocol with a scripted model reply).\n',
  );
  // vertexai: false so that GOOGLE_GENAI_USE_VERTEXAI in the environment cannot flip the backend.
  const ai = new GoogleGenAI({
    vertexai: false,
    apiKey: 'offline',
    httpOptions: { baseUrl: server.baseURL },
  });
  return { ai, close: () => server.close() };
}
