import { Extractor, type FacadeParams, type NativeRequest } from '../../extractor/extractor';
import type { ChatMessage, ExtractionResult } from '../../extractor/extractor.types';
import { toGeminiContents } from './gemini-request';
import type { GeminiContent } from './gemini.types';

/** What every Gemini facade request has, beside its SDK's own fields. */
export interface GeminiFacadeParams extends FacadeParams {
  /** Neutral chat messages and/or the SDK's own contents. */
  messages: ReadonlyArray<ChatMessage | object>;
  responseModel: unknown;
  stream?: boolean;
}

/**
 * The `create` / `createWithResponse` facade shared by the Vertex AI and Gen AI extractors: the
 * SDK's request fields pass through as provider options, the controls steer the run.
 */
export abstract class GeminiFacadeExtractor extends Extractor<GeminiContent> {
  /** `create`: an array of instances, or an `AsyncIterable` of them with `stream: true`. */
  protected dispatch(params: GeminiFacadeParams): Promise<unknown[]> | AsyncIterable<unknown> {
    if (params.stream === true) return this.streamNative(this.nativeRequest(params));
    return this.runNative(this.nativeRequest(params), false).then((r) => r.data);
  }

  /** `createWithResponse`: the instances with the raw last response, usage and attempts. */
  protected dispatchWithResponse(params: GeminiFacadeParams): Promise<ExtractionResult<unknown>> {
    return this.runNative(this.nativeRequest(params), false);
  }

  private nativeRequest(params: GeminiFacadeParams): NativeRequest<GeminiContent> {
    return this.fromFacadeParams(params, (messages: ReadonlyArray<ChatMessage | GeminiContent>) =>
      toGeminiContents(messages),
    );
  }
}
