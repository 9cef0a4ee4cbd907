/** `parallel-tools/genai`: parallel tool calls through `@google/genai` (Vertex AI or the Gemini API). */
export { fromGenAI, GenAIExtractor } from './from-genai';
export { GenAIAdapter } from './genai.adapter';
export type {
  GenAIExtractParams,
  GenAIExtractorOptions,
  GenAIFacade,
  GenAIRequestParams,
} from './genai.types';
