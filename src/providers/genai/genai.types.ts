import type { Content, GenerateContentConfig, GenerateContentResponse } from '@google/genai';
import type {
  ChatMessage,
  ExtractionControls,
  ExtractorOptions,
  ResponseModel,
} from '../../extractor/extractor.types';
import type { ExtractFacade, FacadeModel } from '../../extractor/facade.types';
import type { Mode } from '../../extractor/mode';

/**
 * The parameters of `client.create`: the SDK's `model` (optional when `fromGenAI` got a default)
 * and `config` (temperature, safetySettings, tools, toolConfig, systemInstruction, …, passed
 * through), `messages` instead of `contents`, plus `responseModel` and the controls.
 */
export type GenAIExtractParams<M extends ResponseModel> = GenAIRequestParams & FacadeModel<M>;

/** {@link GenAIExtractParams} without `responseModel`. */
export type GenAIRequestParams = ExtractionControls & {
  /** The model name; the `fromGenAI` default when left out. */
  model?: string;
  /** Neutral chat messages (`system` becomes `config.systemInstruction`, `assistant` the `model` role) and/or SDK contents. */
  messages: ReadonlyArray<ChatMessage | Content>;
  /** The SDK's generation config; `abortSignal` is set from `signal`. */
  config?: GenerateContentConfig;
  /** `true` returns an `AsyncIterable` yielding each call as soon as it is complete and valid. */
  stream?: boolean;
};

/** Options of {@link fromGenAI}. */
export interface GenAIExtractorOptions extends ExtractorOptions {
  /** Only `Mode.GENAI_PARALLEL_TOOLS` is served by this adapter (the default). */
  mode?: Mode;
  /** The default model name, e.g. `'gemini-2.5-flash'`. */
  model?: string;
}

/** The SDK-shaped methods of {@link fromGenAI}, typed by `responseModel`. */
export type GenAIFacade = ExtractFacade<GenAIRequestParams, GenerateContentResponse>;
