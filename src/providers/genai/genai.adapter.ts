import type { GenerateContentParameters, GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { ParallelToolsError } from '../../errors/parallel-tools.error';
import { GeminiAdapter, type GeminiBuildInput } from '../gemini/gemini.adapter';
import { geminiRequestCore } from '../gemini/gemini-request';
import type { GeminiResponse } from '../gemini/gemini.types';

/**
 * Gemini through `@google/genai`, on either backend (Vertex AI or the Gemini API):
 * `ai.models.generateContent` and `ai.models.generateContentStream`.
 */
export class GenAIAdapter extends GeminiAdapter<GenerateContentParameters, GenerateContentResponse> {
  readonly provider = 'genai';

  constructor(
    private readonly ai: GoogleGenAI,
    private readonly defaultModel?: string,
  ) {
    super();
  }

  buildParams({ messages, registry, options }: GeminiBuildInput): GenerateContentParameters {
    // Anything beside model and config is a generation setting (the neutral providerOptions).
    const { model, config, contents: _contents, ...settings } = options;
    const merged = { ...settings, ...(config as Record<string, unknown>) };
    const name = (model as string | undefined) ?? this.defaultModel;
    if (!name) {
      throw new ParallelToolsError(
        'invalid_options',
        "No model name: pass one to fromGenAI(ai, { model: 'gemini-2.5-flash' }) or with each request (model: '...').",
      );
    }
    const { contents, ...core } = geminiRequestCore({ messages, registry, ...merged });
    return { model: name, contents, config: { ...merged, ...core } } as GenerateContentParameters;
  }

  send(params: GenerateContentParameters, signal?: AbortSignal): Promise<GenerateContentResponse> {
    return this.ai.models.generateContent(withSignal(params, signal));
  }

  openStream(
    params: GenerateContentParameters,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<GeminiResponse>> {
    return this.ai.models.generateContentStream(withSignal(params, signal)) as Promise<
      AsyncIterable<GeminiResponse>
    >;
  }
}

/** The SDK takes its abort signal in `config.abortSignal`. */
function withSignal(
  params: GenerateContentParameters,
  signal: AbortSignal | undefined,
): GenerateContentParameters {
  return signal ? { ...params, config: { ...params.config, abortSignal: signal } } : params;
}
