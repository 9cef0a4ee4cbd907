import type OpenAI from 'openai';
import type {
  ExtractionControls,
  ExtractionResult,
  ResponseModel,
  ToolCallOf,
} from '../../extractor/extractor.types';

export type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;
export type ChatCompletionChunk = OpenAI.Chat.Completions.ChatCompletionChunk;
export type ChatCompletionMessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;
export type ChatCompletionCreateParamsNonStreaming =
  OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

/**
 * The parameters of `client.chat.completions.create`: the SDK's own chat-completion parameters
 * (model, messages, temperature, …, all passed through) plus `responseModel` and the controls.
 */
export type OpenAIExtractParams<M extends ResponseModel> = Omit<
  ChatCompletionCreateParamsNonStreaming,
  'stream' | 'response_format'
> &
  ExtractionControls & {
    /** The tools the model may call, one `@Tool` class each. */
    responseModel: M;
    /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
    stream?: boolean;
  };

/** Options of {@link fromOpenAI}. */
export interface OpenAIExtractorOptions {
  /**
   * The API the neutral `extract` / `extractWithResponse` / `stream` use: `Mode.PARALLEL_TOOLS`
   * (chat completions, the default) or `Mode.RESPONSES_PARALLEL_TOOLS` (the Responses API). Both
   * facades, `chat.completions` and `responses`, are there whatever the mode.
   */
  mode?: import('../../extractor/mode').Mode;
  /** Send the OpenAI strict dialect (`strict: true` on each function). Off by default: OpenAI documents that strict schemas are not guaranteed with parallel calls. */
  strict?: boolean;
}

/** What the SDK's `create` accepts as its second argument that we forward. */
export interface OpenAIRequestOptions {
  signal?: AbortSignal;
}

/** `client.chat.completions` of {@link fromOpenAI}: the SDK's method shape, typed by `responseModel`. */
export interface OpenAIChatCompletionsFacade {
  /** Every call as a validated instance, in the model's order. */
  create<const M extends ResponseModel>(
    params: OpenAIExtractParams<M> & { stream?: false },
    options?: OpenAIRequestOptions,
  ): Promise<Array<ToolCallOf<M>>>;
  /** Each call as soon as it is complete and valid. */
  create<const M extends ResponseModel>(
    params: OpenAIExtractParams<M> & { stream: true },
    options?: OpenAIRequestOptions,
  ): AsyncIterable<ToolCallOf<M>>;
  /** The calls with the raw last completion, summed usage and the attempt count. */
  createWithResponse<const M extends ResponseModel>(
    params: OpenAIExtractParams<M> & { stream?: false },
    options?: OpenAIRequestOptions,
  ): Promise<ExtractionResult<ToolCallOf<M>, ChatCompletion>>;
  /** The same as `createWithResponse`, by the name instructor users know. */
  createWithCompletion<const M extends ResponseModel>(
    params: OpenAIExtractParams<M> & { stream?: false },
    options?: OpenAIRequestOptions,
  ): Promise<ExtractionResult<ToolCallOf<M>, ChatCompletion>>;
}
