import type OpenAI from 'openai';
import type { ExtractionControls, ResponseModel } from '../../extractor/extractor.types';
import type { ExtractFacade, FacadeModel } from '../../extractor/facade.types';
import type { OpenAIRequestOptions } from './openai.types';

export type Response = OpenAI.Responses.Response;
export type ResponseInputItem = OpenAI.Responses.ResponseInputItem;
export type ResponseOutputItem = OpenAI.Responses.ResponseOutputItem;
export type ResponseStreamEvent = OpenAI.Responses.ResponseStreamEvent;
export type ResponseCreateParamsNonStreaming = OpenAI.Responses.ResponseCreateParamsNonStreaming;
export type FunctionTool = OpenAI.Responses.FunctionTool;

/**
 * The parameters of `client.responses.create`: the SDK's own Responses parameters (`model`,
 * `input` as a string or items, `instructions`, `max_output_tokens`, `reasoning`, `store`,
 * `include`, …, all passed through) plus `responseModel` and the controls.
 */
export type OpenAIResponsesParams<M extends ResponseModel> = OpenAIResponsesRequestParams & FacadeModel<M>;

/** {@link OpenAIResponsesParams} without `responseModel`. */
export type OpenAIResponsesRequestParams = Omit<ResponseCreateParamsNonStreaming, 'stream'> &
  ExtractionControls & {
    /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
    stream?: boolean;
  };

/**
 * `client.responses` of {@link fromOpenAI}: the SDK's method shape, typed by `responseModel`.
 * `create` returns the calls in the order of the reply's `function_call` items (streamed: each at
 * its `response.output_item.done` at the latest); `createWithResponse` adds the raw last
 * `Response`, reasoning and message items kept.
 */
export type OpenAIResponsesFacade = ExtractFacade<
  OpenAIResponsesRequestParams,
  Response,
  OpenAIRequestOptions
>;
