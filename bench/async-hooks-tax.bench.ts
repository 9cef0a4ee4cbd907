import { AsyncLocalStorage } from 'node:async_hooks';
import OpenAI from 'openai';
import { MockOpenAIServer, openAIToolCallsCompletion } from 'parallel-tools/testing';
import { median } from './harness';

const BATCHES = 16;
const PER_BATCH = 200;

/** Milliseconds per bare SDK request with AsyncLocalStorage's promise hooks on and off. */
export interface HooksTax {
  onMs: number;
  offMs: number;
}

/**
 * Child scenario, in a process where the library never validated anything: bare SDK requests on
 * a zero-latency server, in batches alternating with an `AsyncLocalStorage` enabled (`run` turns
 * on process-wide promise hooks on Node 20/22) and disabled again. This is the price every promise
 * of the app pays once `validateCall` has run its first `runWithValidationContext`.
 */
export async function measureHooksTax(): Promise<HooksTax> {
  const server = await MockOpenAIServer.start({
    fallback: {
      json: openAIToolCallsCompletion([
        { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
      ]),
    },
  });
  try {
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
    const storage = new AsyncLocalStorage<object>();
    const samples: Record<'on' | 'off', number[]> = { on: [], off: [] };
    for (let batch = -2; batch < BATCHES; batch++) {
      const on = batch % 2 === 0;
      if (on) storage.run({}, () => undefined);
      else storage.disable(); // the last enabled storage gone: Node removes the promise hooks
      const start = performance.now();
      for (let i = 0; i < PER_BATCH; i++) {
        await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'go' }],
        });
        server.requests.length = 0;
      }
      if (batch >= 0) samples[on ? 'on' : 'off'].push((performance.now() - start) / PER_BATCH);
    }
    return { onMs: median(samples.on), offMs: median(samples.off) };
  } finally {
    await server.close();
  }
}
