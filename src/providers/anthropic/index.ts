export {
  DEFAULT_MAX_TOKENS,
  type AnthropicExtractorOptions,
  type AnthropicMessagesFacade,
  type AnthropicMessagesParams,
  type AnthropicMessagesRequestParams,
  type AnthropicRequestOptions,
} from './anthropic.types';
