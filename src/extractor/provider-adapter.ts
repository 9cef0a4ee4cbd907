import type { RawCall } from '../calls/call.validator';
import type { ToolRegistry } from '../calls/tool-registry';
import type { WireOptions } from '../calls/wire-normalizer';
import type { ChatMessage, Usage } from './extractor.types';

/** Why the model stopped, in provider-neutral terms. */
export type StopReason = 'tool_calls' | 'stop' | 'length' | 'refusal' | 'blocked';

/** One model reply, read by an adapter. */
export interface ProviderTurn<Res = unknown> {
  response: Res;
  calls: RawCall[];
  stop: StopReason;
  /** The refusal text, the block reason, or the model's text when it answered without tools. */
  detail?: string;
  usage?: Usage;
}

/** What to tell the model about one of its calls in a re-ask. */
export interface ToolResultMessage {
  call: RawCall;
  ok: boolean;
  content: string;
}

/** An event of a provider stream: a call whose arguments are complete, or the end of the reply. */
export type StreamEvent<Res = unknown> =
  { type: 'call'; call: RawCall } | { type: 'end'; turn: ProviderTurn<Res> };

/**
 * What one provider must do; it knows nothing of decorators or validation. `Params` is the SDK's
 * request, `Res` its response, `Msg` its conversation message.
 */
export interface ProviderAdapter<Params = any, Res = any, Msg = any> {
  readonly provider: string;
  /** What this provider's schema dialect changes on the wire. */
  readonly wire: WireOptions;
  /** Neutral chat messages in the provider's own form. */
  fromChatMessages(messages: ChatMessage[]): Msg[];
  /** The SDK request: the conversation, one tool per class, the settings passed through. */
  buildParams(input: {
    messages: Msg[];
    registry: ToolRegistry;
    options: Record<string, unknown>;
    stream: boolean;
  }): Params;
  send(params: Params, signal?: AbortSignal): Promise<Res>;
  readTurn(response: Res): ProviderTurn<Res>;
  /** Streams a reply, emitting each call as soon as its arguments are complete. */
  stream(params: Params, signal?: AbortSignal): AsyncIterable<StreamEvent<Res>>;
  /** The turns that continue the conversation after a reply: the model's turn, then one result per call. */
  reaskMessages(turn: ProviderTurn<Res>, results: ToolResultMessage[], instruction?: string): Msg[];
}
