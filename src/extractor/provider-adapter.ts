import type { RawCall } from '../calls/call.validator';
import type { ToolRegistry } from '../calls/tool-registry';
import type { WireOptions } from '../calls/wire-normalizer';
import type { ChatMessage, Usage } from './extractor.types';

/**
 * Why the model stopped, in provider-neutral terms. Each adapter maps its provider's stop reasons
 * to these in one pure function; the extractor maps them to outcomes in one place.
 * - `tool_calls`, `stop`: a normal end (with or without calls);
 * - `length`: cut by the output token limit;
 * - `refusal`: the model refused; `blocked`: a provider filter withheld or cut the reply;
 * - `failed`: the provider reported a failure inside the reply (an error event, a failed status);
 * - `paused`: the provider paused a long turn for the caller to continue.
 */
export type StopReason = 'tool_calls' | 'stop' | 'length' | 'refusal' | 'blocked' | 'failed' | 'paused';

/** One model reply, read by an adapter. */
export interface ProviderTurn<Res = unknown> {
  response: Res;
  /** The calls as the provider sent them, in order (a wrapper call is unwrapped by the extractor). */
  calls: RawCall[];
  stop: StopReason;
  /** The refusal text, the block or failure reason, or the model's text when it answered without tools. */
  detail?: string;
  usage?: Usage;
}

/** What to tell the model about one of its calls in a re-ask. */
export interface ToolResultMessage {
  call: RawCall;
  ok: boolean;
  content: string;
}

/**
 * Builds one streamed reply from the SDK's chunks. The extractor's stream driver feeds it; it
 * never sees the network, the abort signal or the run loop.
 */
export interface StreamAssembler<Chunk = unknown, Res = unknown> {
  /** Takes one chunk; returns the calls whose arguments became complete with it. */
  push(chunk: Chunk): RawCall[];
  /** Whether the reply reached its provider's end marker (a stream that ends before was cut). */
  readonly finished: boolean;
  /** The whole reply in the provider's non-streaming shape, for `response` and re-asks. */
  toResponse(): Res;
}

/** What `buildParams` gets: the conversation so far, the request's tools, the settings, the transport. */
export interface BuildParamsInput<Msg> {
  messages: Msg[];
  registry: ToolRegistry;
  options: Record<string, unknown>;
  stream: boolean;
}

/**
 * What one provider must do; it knows nothing of decorators or validation. `Params` is the SDK's
 * request, `Res` its response, `Msg` its conversation message, `Chunk` one event of its stream.
 */
export interface ProviderAdapter<Params = any, Res = any, Msg = any, Chunk = any> {
  readonly provider: string;
  /** What this provider's schema dialect changes on the wire. */
  readonly wire: WireOptions;
  /** Neutral chat messages in the provider's own form. */
  fromChatMessages(messages: ChatMessage[]): Msg[];
  /** The SDK request: the conversation, one tool per class, the settings passed through. */
  buildParams(input: BuildParamsInput<Msg>): Params;
  /** Sends a whole request. SDK errors (HTTP, auth, abort) pass through unchanged. */
  send(params: Params, signal?: AbortSignal): Promise<Res>;
  readTurn(response: Res): ProviderTurn<Res>;
  /** Opens the SDK's stream; errors before the first chunk pass through as the SDK reports them. */
  openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<Chunk>>;
  /** A fresh assembler for one streamed reply. */
  createAssembler(): StreamAssembler<Chunk, Res>;
  /**
   * The error a cancelled stream rejects with, for SDKs that end an aborted stream quietly (the
   * SDK's own abort error); the signal's reason when left out.
   */
  abortError?(signal: AbortSignal): unknown;
  /** The turns that continue the conversation after a reply: the model's turn, then one result per call. */
  reaskMessages(turn: ProviderTurn<Res>, results: ToolResultMessage[], instruction?: string): Msg[];
}
