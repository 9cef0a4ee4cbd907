import type OpenAI from 'openai';
import type {
  ExtractionControls,
  ExtractionResult,
  ResponseModel,
  ToolCallOf,
} from '../../extractor/extractor.types';
import type { OpenAIRequestOptions } from './openai.types';

export type Response = OpenAI.Responses.Response;
export type ResponseInputItem = OpenAI.Responses.ResponseInputItem;
export type ResponseOutputItem = OpenAI.Responses.ResponseOutputItem;
export type ResponseFunctionToolCall = OpenAI.Responses.ResponseFunctionToolCall;
export type ResponseStreamEvent = OpenAI.Responses.ResponseStreamEvent;
export type ResponseCreateParamsNonStreaming = OpenAI.Responses.ResponseCreateParamsNonStreaming;
export type FunctionTool = OpenAI.Responses.FunctionTool;

/**
 * The parameters of `client.responses.create`: the SDK's own Responses parameters (`model`,
 * `input` as a string or items, `instructions`, `max_output_tokens`, `reasoning`, `store`,
 * `include`, …, all passed through) plus `responseModel` and the controls.
 */
export type OpenAIResponsesParams<M extends ResponseModel> = Omit<
  ResponseCreateParamsNonStreaming,
  'stream'
> &
  ExtractionControls & {
    /** The tools the model may call, one `@Tool` class each. */
    responseModel: M;
    /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
    stream?: boolean;
  };

/** `client.responses` of {@link fromOpenAI}: the SDK's method shape, typed by `responseModel`. */
export interface OpenAIResponsesFacade {
  /** Every call as a validated instance, in the order of the reply's `output`. */
  create<const M extends ResponseModel>(
    params: OpenAIResponsesParams<M> & { stream?: false },
    options?: OpenAIRequestOptions,
  ): Promise<Array<ToolCallOf<M>>>;
  /** Each call as soon as it is complete and valid (at its `response.output_item.done` at the latest). */
  create<const M extends ResponseModel>(
    params: OpenAIResponsesParams<M> & { stream: true },
    options?: OpenAIRequestOptions,
  ): AsyncIterable<ToolCallOf<M>>;
  /** The calls with the raw last `Response` (reasoning and message items kept), summed usage and the attempt count. */
  createWithResponse<const M extends ResponseModel>(
    params: OpenAIResponsesParams<M> & { stream?: false },
    options?: OpenAIRequestOptions,
  ): Promise<ExtractionResult<ToolCallOf<M>, Response>>;
}
