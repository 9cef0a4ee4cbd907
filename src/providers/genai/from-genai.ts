import type { GoogleGenAI } from '@google/genai';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import { GeminiFacadeExtractor, type GeminiFacadeParams } from '../gemini/gemini-facade.extractor';
import { GenAIAdapter } from './genai.adapter';
import type { GenAIExtractorOptions, GenAIFacade } from './genai.types';

/** The Google Gen AI facade: an {@link Extractor} that also speaks the SDK's request shape. */
export class GenAIExtractor extends GeminiFacadeExtractor implements GenAIFacade {
  /** `model?`, `config?`, `messages` and `responseModel`; `stream: true` for an `AsyncIterable`. */
  readonly create = ((params: GeminiFacadeParams) => this.dispatch(params)) as GenAIFacade['create'];
  /** The calls with the raw last `GenerateContentResponse`, summed usage and the attempt count. */
  readonly createWithResponse = ((params: GeminiFacadeParams) =>
    this.dispatchWithResponse(params)) as GenAIFacade['createWithResponse'];
}

/**
 * Wraps a `@google/genai` client (Vertex AI or Gemini API backend) for parallel tool calls.
 *
 * @example
 * const client = fromGenAI(new GoogleGenAI({ apiKey }), { mode: Mode.GENAI_PARALLEL_TOOLS, model: 'gemini-2.5-flash' });
 * const calls = await client.create({
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' }],
 *   responseModel: [Weather, GoogleSearch],
 * }); // Array<Weather | GoogleSearch>
 */
export function fromGenAI(ai: GoogleGenAI, options: GenAIExtractorOptions = {}): GenAIExtractor {
  resolveMode('fromGenAI', options.mode, [Mode.GENAI_PARALLEL_TOOLS]);
  return new GenAIExtractor(new GenAIAdapter(ai, options.model), options);
}
