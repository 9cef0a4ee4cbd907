import { VertexAI, type GenerativeModel } from '@google-cloud/vertexai';
import { MockGeminiServer, vertexAIFetchRedirect } from 'parallel-tools/testing';

const MODEL = 'gemini-2.5-flash';

/**
 * A Vertex AI `GenerativeModel` for the sample: the real service when GOOGLE_CLOUD_PROJECT is set
 * (with Application Default Credentials), otherwise a local server that replays a scripted model
 * reply over the real `generateContent` wire protocol.
 */
export async function sampleVertexModel(): Promise<{ model: GenerativeModel; close: () => Promise<void> }> {
  const project = process.env.GOOGLE_CLOUD_PROJECT;
  if (project) {
    console.log(`Using Vertex AI in project ${project} (GOOGLE_CLOUD_PROJECT is set).`);
    const vertex = new VertexAI({ project, location: process.env.GOOGLE_CLOUD_LOCATION ?? 'us-central1' });
    return { model: vertex.getGenerativeModel({ model: MODEL }), close: async () => {} };
  }
  const server = await MockGeminiServer.start();
  server.enqueueFunctionCalls([
    { name: 'Weather', args: { location: 'Toronto', units: 'metric' } },
    { name: 'Weather', args: { location: 'Dallas', units: 'imperial' } },
    { name: 'GoogleSearch', args: { query: 'who won the super bowl' } },
  ]);
  // This SDK only builds https:// URLs: the redirect sends them to the local server instead.
  const redirect = vertexAIFetchRedirect(server);
  console.log(
    `GOOGLE_CLOUD_PROJECT is not set: running offline against a local replay server at ${server.baseURL}`,
  );
  console.log('(it answers over the real Vertex AI generateContent protocol with a scripted model reply).\n');
  const vertex = new VertexAI({ project: 'offline-project', location: 'us-central1', ...redirect.init });
  const close = async (): Promise<void> => {
    redirect.restore();
    await server.close();
  };
  return { model: vertex.getGenerativeModel({ model: MODEL }), close };
}
