import type {
  GenerateContentRequest,
  GenerateContentResponse,
  GenerativeModel,
} from '@google-cloud/vertexai';
import { GeminiAdapter, type GeminiBuildInput } from '../gemini/gemini.adapter';
import { geminiRequestCore } from '../gemini/gemini-request';
import type { GeminiResponse } from '../gemini/gemini.types';
import { abortable, abortableIterable } from './abortable';

/** The top-level fields of the SDK's request; any other setting belongs in `generationConfig`. */
const REQUEST_FIELDS = new Set([
  'generationConfig',
  'safetySettings',
  'tools',
  'toolConfig',
  'systemInstruction',
  'cachedContent',
  'labels',
]);

/**
 * Vertex AI through `@google-cloud/vertexai`: `model.generateContent` and
 * `model.generateContentStream` on the `GenerativeModel` the caller configured.
 */
export class VertexAIAdapter extends GeminiAdapter<GenerateContentRequest, GenerateContentResponse> {
  readonly provider = 'vertexai';

  constructor(private readonly model: GenerativeModel) {
    super();
  }

  buildParams({ messages, registry, options }: GeminiBuildInput): GenerateContentRequest {
    const fields: Record<string, unknown> = {};
    const generation: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      // The model is the GenerativeModel's; a neutral `model` option cannot change it.
      if (key === 'model' || key === 'contents') continue;
      (REQUEST_FIELDS.has(key) ? fields : generation)[key] = value;
    }
    // Neutral provider options (temperature, maxOutputTokens, …) are generation settings here.
    if (Object.keys(generation).length > 0)
      fields.generationConfig = { ...generation, ...(fields.generationConfig as object) };
    const core = geminiRequestCore({ messages, registry, ...fields });
    return { ...fields, ...core } as GenerateContentRequest;
  }

  async send(params: GenerateContentRequest, signal?: AbortSignal): Promise<GenerateContentResponse> {
    return (await abortable(() => this.model.generateContent(params), signal)).response;
  }

  async openStream(
    params: GenerateContentRequest,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<GeminiResponse>> {
    const result = await abortable(() => this.model.generateContentStream(params), signal);
    // The SDK's aggregated response rejects too when the stream breaks; the stream reports it.
    result.response.catch(() => undefined);
    return abortableIterable(result.stream as AsyncIterable<GeminiResponse>, signal);
  }
}
