import OpenAI from 'openai';
import { MockOpenAIServer, openAIToolCallsCompletion, type BatchInputLine } from 'parallel-tools/testing';

/**
 * A stand-in for the model, for the offline run: reads an order note with regular expressions and
 * answers with the tool calls a model would make. Every 40th note first gets a quantity of 0 (which
 * `@Field({ minimum: 1 })` rejects), so that the follow-up re-ask batch has work to do.
 */
function answer(line: BatchInputLine) {
  const messages: Array<{ role: string; content: string }> = line.body.messages;
  const note = messages.find((m) => m.role === 'user')!.content;
  const reasked = messages.some((m) => m.role === 'tool');
  const n = Number(/Order (\d+)/.exec(note)?.[1]);
  const items = [...note.matchAll(/(\d+) x (\w+)/g)].map(([, quantity, product], k) => ({
    name: 'LineItem',
    arguments: { product, quantity: n % 40 === 0 && k === 0 && !reasked ? 0 : Number(quantity) },
  }));
  const city = /ship to (\w+)/.exec(note)?.[1] ?? '';
  return { body: openAIToolCallsCompletion([...items, { name: 'Shipment', arguments: { city } }]) };
}

/**
 * An OpenAI client for the sample: the real Batch API when OPENAI_API_KEY is set (batches take
 * minutes to hours there), otherwise a local server that speaks the real files and batches
 * endpoints and reports progress over several polls.
 */
export async function sampleBatchOpenAI(): Promise<{
  openai: OpenAI;
  offline: boolean;
  close: () => Promise<void>;
}> {
  if (process.env.OPENAI_API_KEY) {
    console.log('Using the OpenAI Batch API (OPENAI_API_KEY is set): this may take a while.');
    return { openai: new OpenAI(), offline: false, close: async () => {} };
  }
  const server = await MockOpenAIServer.start();
  server.batches.answer = answer;
  server.batches.script({ polls: 12 }, { polls: 3 });
  console.log(
    `OPENAI_API_KEY is not set: running offline against a local Batch API server at ${server.baseURL}\n`,
  );
  return {
    openai: new OpenAI({ baseURL: server.baseURL, apiKey: 'offline' }),
    offline: true,
    close: () => server.close(),
  };
}
