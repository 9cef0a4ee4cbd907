import type OpenAI from 'openai';
import type { ExtractionControls, ResponseModel } from '../../extractor/extractor.types';
import type { ExtractFacade, FacadeModel } from '../../extractor/facade.types';

export type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;
export type ChatCompletionChunk = OpenAI.Chat.Completions.ChatCompletionChunk;
export type ChatCompletionMessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;
export type ChatCompletionCreateParamsNonStreaming =
  OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

/**
 * The parameters of `client.chat.completions.create`: the SDK's own chat-completion parameters
 * (model, messages, temperature, …, all passed through) plus `responseModel` and the controls.
 */
export type OpenAIExtractParams<M extends ResponseModel> = OpenAIChatRequestParams & FacadeModel<M>;

/** {@link OpenAIExtractParams} without `responseModel`. */
export type OpenAIChatRequestParams = Omit<
  ChatCompletionCreateParamsNonStreaming,
  'stream' | 'response_format'
> &
  ExtractionControls & {
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
export interface OpenAIChatCompletionsFacade extends ExtractFacade<
  OpenAIChatRequestParams,
  ChatCompletion,
  OpenAIRequestOptions
> {
  /** The same as `createWithResponse`, under the name instructor users know. */
  createWithCompletion: ExtractFacade<
    OpenAIChatRequestParams,
    ChatCompletion,
    OpenAIRequestOptions
  >['createWithResponse'];
}
