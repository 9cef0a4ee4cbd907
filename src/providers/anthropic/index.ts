export { fromAnthropic, AnthropicExtractor } from './from-anthropic';
export { AnthropicAdapter, toAnthropicTool } from './anthropic.adapter';
export { AnthropicBatchProtocol } from './anthropic-batch.protocol';
export {
  DEFAULT_MAX_TOKENS,
  type AnthropicExtractorOptions,
  type AnthropicMessagesFacade,
  type AnthropicMessagesParams,
  type AnthropicMessagesRequestParams,
  type AnthropicRequestOptions,
} from './anthropic.types';
