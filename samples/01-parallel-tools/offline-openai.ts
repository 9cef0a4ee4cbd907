import OpenAI from 'openai';
import { MockOpenAIServer } from 'parallel-tools/testing';

/**
 * An OpenAI client for the sample: the real API when OPENAI_API_KEY is set, otherwise a local
 * server that replays a recorded-style model reply over the real chat-completions wire protocol.
 */
export async function sampleOpenAI(): Promise<{ openai: OpenAI; close: () => Promise<void> }> {
  if (process.env.OPENAI_API_KEY) {
    console.log('Using the OpenAI API (OPENAI_API_KEY is set).');
    return { openai: new OpenAI(), close: async () => {} };
  }
  const server = await MockOpenAIServer.start();
  server.enqueueToolCalls([
    { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
    { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
    { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
  ]);
  console.log(
    `OPENAI_API_KEY is not set: running offline against a local replay server at ${server.baseURL}`,
  );
  console.log('(it answers over the real chat-completions protocol with a scripted model reply).\n');
  return { openai: new OpenAI({ baseURL: server.baseURL, apiKey: 'offline' }), close: () => server.close() };
}
