import OpenAI from 'openai';
import { MockOpenAIServer, responsesFunctionCallsStream } from 'parallel-tools/testing';

const REPLY = [
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
];

/**
 * The sample's client: the real OpenAI API when OPENAI_API_KEY is set; otherwise a local server
 * that answers `POST /v1/responses` over the Responses wire protocol (a whole reply, then the same
 * reply streamed as SSE events with their `event:` names), as a reasoning model would.
 */
export async function responsesClient(): Promise<{ openai: OpenAI; close: () => Promise<void> }> {
  if (process.env.OPENAI_API_KEY) {
    console.log('Using the OpenAI Responses API (OPENAI_API_KEY is set).\n');
    return { openai: new OpenAI(), close: async () => {} };
  }
  const server = await MockOpenAIServer.start({ latency: { betweenChunksMs: 15 } });
  const reasoning = { summary: 'Two weather lookups and one search, in parallel.' };
  server.enqueueFunctionCalls(REPLY, { reasoning });
  server.enqueue({ sse: responsesFunctionCallsStream(REPLY, { reasoning, argumentChunkSize: 6 }) });
  console.log(`OPENAI_API_KEY is not set, so this runs offline: a local server at ${server.baseURL}`);
  console.log('plays the model, answering /v1/responses with a scripted reply over the real protocol.\n');
  return { openai: new OpenAI({ baseURL: server.baseURL, apiKey: 'offline' }), close: () => server.close() };
}
