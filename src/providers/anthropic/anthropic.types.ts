import type Anthropic from '@anthropic-ai/sdk';
import type { ExtractionControls, ResponseModel } from '../../extractor/extractor.types';
import type { ExtractFacade, FacadeModel } from '../../extractor/facade.types';
import type { Mode } from '../../extractor/mode';

export type Message = Anthropic.Messages.Message;
export type MessageParam = Anthropic.Messages.MessageParam;
export type MessageStreamEvent = Anthropic.Messages.RawMessageStreamEvent;
export type MessageCreateParamsNonStreaming = Anthropic.Messages.MessageCreateParamsNonStreaming;
export type AnthropicTool = Anthropic.Messages.Tool;

/** The `max_tokens` the neutral `extract` sends when `fromAnthropic` is given none. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Options of {@link fromAnthropic}. */
export interface AnthropicExtractorOptions {
  /** Only `Mode.ANTHROPIC_PARALLEL_TOOLS` (the default). */
  mode?: Mode;
  /**
   * The `max_tokens` of every request that has none (the API requires one): the neutral `extract`
   * and facade calls without `max_tokens`. Default {@link DEFAULT_MAX_TOKENS} (4096).
   */
  maxTokens?: number;
}

/** What the SDK's `messages.create` accepts as its second argument that we forward. */
export interface AnthropicRequestOptions {
  signal?: AbortSignal;
}

/**
 * The parameters of `client.messages.create`: the SDK's own `MessageCreateParams` (`model`,
 * `system`, `messages`, `thinking`, `metadata`, `stop_sequences`, …, all passed through; `max_tokens`
 * optional, the client's `maxTokens` when left out) plus `responseModel` and the controls.
 */
export type AnthropicMessagesParams<M extends ResponseModel> = AnthropicMessagesRequestParams &
  FacadeModel<M>;

/** {@link AnthropicMessagesParams} without `responseModel`. */
export type AnthropicMessagesRequestParams = Omit<MessageCreateParamsNonStreaming, 'stream' | 'max_tokens'> &
  ExtractionControls & {
    /** Defaults to the client's `maxTokens`. */
    max_tokens?: number;
    /** `true` returns an `AsyncIterable` yielding each call at its `content_block_stop`. */
    stream?: boolean;
  };

/**
 * `client.messages` of {@link fromAnthropic}: the SDK's method shape, typed by `responseModel`.
 * `create` returns the `tool_use` blocks as instances in block order; `createWithResponse` adds
 * the raw last `Message` (text and thinking blocks kept).
 */
export type AnthropicMessagesFacade = ExtractFacade<
  AnthropicMessagesRequestParams,
  Message,
  AnthropicRequestOptions
>;
