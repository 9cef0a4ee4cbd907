import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { Extractor } from 'parallel-tools';
import { fromGenAI } from 'parallel-tools/genai';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsCompletion, type OpenAIToolCallSpec } from 'parallel-tools/testing';

/** The extractor the sample runs with, and how to release what it holds. */
export interface SampleExtractor {
  extractor: Extractor;
  /** A line for the console: which provider answers. */
  description: string;
  close(): Promise<void>;
}

/**
 * OpenAI when OPENAI_API_KEY is set, Gemini when GEMINI_API_KEY is set, otherwise offline: a
 * local server that answers over the real chat-completions protocol with a scripted reply.
 */
export async function sampleExtractor(env: NodeJS.ProcessEnv = process.env): Promise<SampleExtractor> {
  if (env.OPENAI_API_KEY) {
    const extractor = fromOpenAI(new OpenAI(), { model: env.OPENAI_MODEL ?? 'gpt-4o-mini' });
    return { extractor, description: 'OpenAI (OPENAI_API_KEY is set)', close: async () => {} };
  }
  if (env.GEMINI_API_KEY) {
    const model = env.GEMINI_MODEL ?? 'gemini-2.5-flash';
    const extractor = fromGenAI(new GoogleGenAI({ apiKey: env.GEMINI_API_KEY }), { model });
    return {
      extractor,
      description: `the Gemini API, ${model} (GEMINI_API_KEY is set)`,
      close: async () => {},
    };
  }

  // Every request gets the same three calls: the fallback reply never runs out.
  const server = await MockOpenAIServer.start({
    fallback: { json: openAIToolCallsCompletion(offlineTrip()) },
  });
  const extractor = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'offline' }), {
    model: 'gpt-4o-mini',
  });
  return {
    extractor,
    description:
      `offline: OPENAI_API_KEY and GEMINI_API_KEY are not set, so a local replay server at ${server.baseURL} ` +
      `answers every request with the same scripted model reply (three tool calls)`,
    close: () => server.close(),
  };
}

/** What a model answers to "fly me to Lisbon on 3 May, a hotel for two nights, and a car". */
export function offlineTrip(): OpenAIToolCallSpec[] {
  const date = nextThirdOfMay();
  return [
    { name: 'book_flight', arguments: { destinationAirport: 'LIS', departureDate: date, passengers: 1 } },
    { name: 'book_hotel', arguments: { city: 'Lisbon', checkIn: date, nights: 2 } },
    { name: 'rent_car', arguments: { pickUpCity: 'Lisbon', pickUpDate: date, days: 2 } },
  ];
}

function nextThirdOfMay(now = new Date()): string {
  const year =
    now.getUTCMonth() > 4 || (now.getUTCMonth() === 4 && now.getUTCDate() > 3)
      ? now.getUTCFullYear() + 1
      : now.getUTCFullYear();
  return `${year}-05-03`;
}
