import { ApiError, GoogleGenAI } from '@google/genai';
import { fromGenAI } from 'parallel-tools/genai';
import { genAITestOptions, MockGeminiServer } from 'parallel-tools/testing';
import { MODEL, type Driver, type DriverTraits } from './driver';
import { GEMINI_TRAITS, geminiWire } from './gemini-wire';

/** The Gemini wire, with an SDK that retries on its own. */
export const GENAI_TRAITS: DriverTraits = { ...GEMINI_TRAITS, sdkRetries: true };

/** Gemini through `@google/genai` (Gemini API mode). */
export async function genAIDriver(): Promise<Driver> {
  const server = await MockGeminiServer.start();
  return {
    name: 'genai',
    server,
    traits: GENAI_TRAITS,
    sdkErrors: {
      connectionCut: { message: /fetch failed/ },
      http500: { class: ApiError, status: 500 },
      http429: { class: ApiError, status: 429 },
      timeout: { message: /aborted/ },
      // Gen AI throws the fetch abort as it is or wrapped ("exception AbortError: ..."), by timing.
      abort: { message: /abort/i },
    },
    ...geminiWire(),
    extractor(options = {}, sdk = {}) {
      const base = genAITestOptions(server);
      const retryOptions =
        sdk.retries === undefined ? undefined : { attempts: sdk.retries + 1, initialDelay: 0.005, jitter: 0 };
      const ai = new GoogleGenAI({
        ...base,
        httpOptions: { ...base.httpOptions, timeout: sdk.timeout, retryOptions },
      });
      return fromGenAI(ai, { model: MODEL, ...options });
    },
    close: () => server.close(),
  };
}
