import { ANTHROPIC_TRAITS, anthropicDriver } from './anthropic.driver';
import type { DriverEntry } from './driver';
import { GEMINI_TRAITS } from './gemini-wire';
import { GENAI_TRAITS, genAIDriver } from './genai.driver';
import { OPENAI_CHAT_TRAITS, openAIChatDriver } from './openai-chat.driver';
import { OPENAI_RESPONSES_TRAITS, openAIResponsesDriver } from './openai-responses.driver';
import { vertexAIDriver } from './vertexai.driver';

export * from './driver';

/**
 * Every provider the contract suite runs against. A new provider adds its driver file and one
 * line here; the rows are written against `Driver` and its traits, never against a name.
 */
export const DRIVERS: Record<string, DriverEntry> = {
  openai: { traits: OPENAI_CHAT_TRAITS, start: openAIChatDriver },
  'openai-responses': { traits: OPENAI_RESPONSES_TRAITS, start: openAIResponsesDriver },
  anthropic: { traits: ANTHROPIC_TRAITS, start: anthropicDriver },
  genai: { traits: GENAI_TRAITS, start: genAIDriver },
  vertexai: { traits: GEMINI_TRAITS, start: vertexAIDriver },
};
