import type { Content, GenerateContentRequest, GenerateContentResponse } from '@google-cloud/vertexai';
import type {
  ChatMessage,
  ExtractionControls,
  ExtractionResult,
  ExtractorOptions,
  ResponseModel,
  ToolCallOf,
} from '../../extractor/extractor.types';
import type { Mode } from '../../extractor/mode';

/**
 * The parameters of `client.create`: the SDK's own request fields (generationConfig,
 * safetySettings, tools, toolConfig, systemInstruction, labels, …, passed through) with `messages`
 * instead of `contents`, plus `responseModel` and the controls.
 */
export type VertexAIExtractParams<M extends ResponseModel> = Omit<GenerateContentRequest, 'contents'> &
  ExtractionControls & {
    /** Neutral chat messages (`system` becomes `systemInstruction`, `assistant` the `model` role) and/or SDK contents. */
    messages: ReadonlyArray<ChatMessage | Content>;
    /** The tools the model may call, one `@Tool` class each. */
    responseModel: M;
    /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
    stream?: boolean;
  };

/** Options of {@link fromVertexAI}. */
export interface VertexAIExtractorOptions extends ExtractorOptions {
  /** Only `Mode.VERTEXAI_PARALLEL_TOOLS` is served by this adapter (the default). */
  mode?: Mode;
}

/** The SDK-shaped methods of {@link fromVertexAI}, typed by `responseModel`. */
export interface VertexAIFacade {
  /** Every call as a validated instance, in the model's order. */
  create<const M extends ResponseModel>(
    params: VertexAIExtractParams<M> & { stream?: false },
  ): Promise<Array<ToolCallOf<M>>>;
  /** Each call as soon as it is complete and valid. */
  create<const M extends ResponseModel>(
    params: VertexAIExtractParams<M> & { stream: true },
  ): AsyncIterable<ToolCallOf<M>>;
  /** The calls with the raw last response, summed usage and the attempt count. */
  createWithResponse<const M extends ResponseModel>(
    params: VertexAIExtractParams<M> & { stream?: false },
  ): Promise<ExtractionResult<ToolCallOf<M>, GenerateContentResponse>>;
}
