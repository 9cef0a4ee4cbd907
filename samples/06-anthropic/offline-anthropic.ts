import Anthropic from '@anthropic-ai/sdk';
import { anthropicToolUseStream, MockAnthropicServer } from 'parallel-tools/testing';

const REPLY = [
  { name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', input: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', input: { query: 'who won the super bowl' } },
];

/**
 * The sample's client: the real Anthropic API when ANTHROPIC_API_KEY is set; otherwise a local
 * server that answers `POST /v1/messages` over the Messages wire protocol (a whole reply, then
 * the same reply streamed as SSE events with their `event:` names), as Claude would.
 */
export async function anthropicClient(): Promise<{ anthropic: Anthropic; close: () => Promise<void> }> {
  if (process.env.ANTHROPIC_API_KEY) {
    console.log('Using the Anthropic API (ANTHROPIC_API_KEY is set).\n');
    return { anthropic: new Anthropic(), close: async () => {} };
  }
  const server = await MockAnthropicServer.start({ latency: { betweenChunksMs: 15 } });
  const text = 'I will look up both cities and search for the result.';
  server.enqueueToolUse(REPLY, { text });
  server.enqueue({ sse: anthropicToolUseStream(REPLY, { text, fragments: 4 }) });
  console.log(`ANTHROPIC_API_KEY is not set, so this runs offline: a local server at ${server.baseURL}`);
  console.log('plays the model, answering /v1/messages with a scripted reply over the real protocol.\n');
  return {
    anthropic: new Anthropic({ baseURL: server.baseURL, apiKey: 'offline' }),
    close: () => server.close(),
  };
}
