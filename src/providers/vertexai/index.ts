/** `parallel-tools/vertexai`: parallel tool calls through `@google-cloud/vertexai`. */
export { fromVertexAI, VertexAIExtractor } from './from-vertexai';
export { VertexAIAdapter } from './vertexai.adapter';
export type {
  VertexAIExtractParams,
  VertexAIExtractorOptions,
  VertexAIFacade,
  VertexAIRequestParams,
} from './vertexai.types';
