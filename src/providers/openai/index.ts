export { fromOpenAI, OpenAIExtractor } from './from-openai';
export { OpenAIAdapter } from './openai.adapter';
export { OpenAIResponsesAdapter } from './responses.adapter';
export type {
  OpenAIChatCompletionsFacade,
  OpenAIExtractParams,
  OpenAIExtractorOptions,
  OpenAIRequestOptions,
} from './openai.types';
export type { OpenAIResponsesFacade, OpenAIResponsesParams } from './responses.types';
export { OpenAIBatchProtocol, type OpenAIBatchEndpoint } from './openai-batch.protocol';
export type { OpenAIBatchMessage } from './from-openai';
