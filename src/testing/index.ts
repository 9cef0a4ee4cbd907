/**
 * `parallel-tools/testing`: local HTTP servers that speak the providers' wire protocols, for tests,
 * offline samples and benchmarks.
 */
export { MockOpenAIServer } from './openai-mock.server';
export { OpenAIBatchRoutes, type MockBatch } from './openai-batch.routes';
export type { BatchAnswer, BatchInputLine, BatchLineReply, OpenAIBatchScript } from './openai-batch.script';
export { MockAnthropicServer } from './anthropic-mock.server';
export { AnthropicBatchRoutes, type MockMessageBatch } from './anthropic-batch.routes';
export type {
  AnthropicBatchAnswer,
  AnthropicBatchCounts,
  AnthropicBatchRequest,
  AnthropicBatchScript,
} from './anthropic-batch.script';
export { MockGeminiServer } from './gemini-mock.server';
export { MockHttpServer } from './mock-http.server';
export type {
  CutConnectionFault,
  ErrorReply,
  JsonReply,
  Latency,
  MalformedBodyFault,
  MockServerOptions,
  NeverRespondFault,
  RecordedRequest,
  ScriptedReply,
  SseGate,
  SseItem,
  SseReply,
} from './scripted-reply';
export {
  openAIToolCallsCompletion,
  openAIToolCallsStream,
  type OpenAICompletionExtra,
  type OpenAIStreamOptions,
  type OpenAIToolCallSpec,
} from './openai-replies';
export {
  responsesFunctionCallsResponse,
  responsesFunctionCallsStream,
  type ResponsesFunctionCallSpec,
  type ResponsesReplyExtra,
} from './responses-replies';
export {
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  type GeminiFunctionCallSpec,
  type GeminiResponseExtra,
} from './gemini-replies';
export {
  anthropicToolUseMessage,
  anthropicToolUseStream,
  type AnthropicReplyExtra,
  type AnthropicStreamOptions,
  type AnthropicToolUseSpec,
} from './anthropic-replies';
export { loadFixture } from './fixture.loader';
export { vertexAIFetchRedirect, type VertexAIRedirect } from './vertexai-fetch.redirect';
export { genAITestOptions, type GenAITestOptions } from './genai-test.options';
