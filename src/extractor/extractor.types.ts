import type { ArgumentLimits } from '../calls/argument-limits';
import type { ClassType } from '../metadata/class-type';
import type { ExtractorHooks, HookHandlers } from './extractor.hooks';

/** A `@Tool` class. */
export type ToolClass = ClassType<object>;

/** What parallel modes accept as `responseModel`: a non-empty array of `@Tool` classes. */
export type ResponseModel = readonly [ToolClass, ...ToolClass[]];

/** The instance type of any tool of a response model: `Weather | GoogleSearch`. */
export type ToolCallOf<M extends readonly ToolClass[]> = InstanceType<M[number]>;

/** A provider-neutral chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Token counts, summed over every attempt of an extraction. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Per-request controls shared by every provider. */
export interface ExtractionControls {
  /** Re-asks after a reply with bad calls; overrides the client's `maxRetries`. 0 means none. */
  maxRetries?: number;
  /** Reaches custom class-validator validators through `getValidationContext()`. */
  validationContext?: unknown;
  /** Cancels the request or stream; rejects with the SDK's own abort error. */
  signal?: AbortSignal;
}

/** A provider-neutral extraction request: what {@link Extractor} methods take. */
export interface ExtractRequest<M extends ResponseModel = ResponseModel> extends ExtractionControls {
  messages: ChatMessage[];
  responseModel: M;
  /** The model name; the client's default when left out. */
  model?: string;
  /** Passed to the provider's request as is (temperature, max tokens, …). */
  providerOptions?: Record<string, unknown>;
}

/** The data of an extraction with what came with it. */
export interface ExtractionResult<T, R = unknown> {
  /** The valid calls, as instances, in the model's order. */
  data: T[];
  /** The provider's raw last response (for a stream: the assembled last response). */
  response: R;
  usage: Usage;
  /** How many requests were made, the first one included. */
  attempts: number;
}

/** Options every `from*` factory accepts. */
export interface ExtractorOptions {
  /** Default re-asks after a reply with bad calls (per request: `maxRetries`). Default 0. */
  maxRetries?: number;
  /** Event handlers, or a shared {@link ExtractorHooks}. */
  hooks?: ExtractorHooks | Partial<HookHandlers>;
  /** Bounds on one call's arguments. */
  limits?: Partial<ArgumentLimits>;
  /** The default model name. */
  model?: string;
}
