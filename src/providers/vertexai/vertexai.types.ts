import type { Content, GenerateContentRequest, GenerateContentResponse } from '@google-cloud/vertexai';
import type {
  ChatMessage,
  ExtractionControls,
  ExtractorOptions,
  ResponseModel,
} from '../../extractor/extractor.types';
import type { ExtractFacade, FacadeModel } from '../../extractor/facade.types';
import type { Mode } from '../../extractor/mode';

/**
 * The parameters of `client.create`: the SDK's own request fields (generationConfig,
 * safetySettings, tools, toolConfig, systemInstruction, labels, …, passed through) with `messages`
 * instead of `contents`, plus `responseModel` and the controls.
 */
export type VertexAIExtractParams<M extends ResponseModel> = VertexAIRequestParams & FacadeModel<M>;

/** {@link VertexAIExtractParams} without `responseModel`. */
export type VertexAIRequestParams = Omit<GenerateContentRequest, 'contents'> &
  ExtractionControls & {
    /** Neutral chat messages (`system` becomes `systemInstruction`, `assistant` the `model` role) and/or SDK contents. */
    messages: ReadonlyArray<ChatMessage | Content>;
    /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
    stream?: boolean;
  };

/** Options of {@link fromVertexAI}. */
export interface VertexAIExtractorOptions extends ExtractorOptions {
  /** Only `Mode.VERTEXAI_PARALLEL_TOOLS` is served by this adapter (the default). */
  mode?: Mode;
}

/** The SDK-shaped methods of {@link fromVertexAI}, typed by `responseModel`. */
export type VertexAIFacade = ExtractFacade<VertexAIRequestParams, GenerateContentResponse>;
