import type { GenerativeModel } from '@google-cloud/vertexai';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import { GeminiFacadeExtractor, type GeminiFacadeParams } from '../gemini/gemini-facade.extractor';
import { VertexAIAdapter } from './vertexai.adapter';
import type { VertexAIExtractorOptions, VertexAIFacade } from './vertexai.types';

/** The Vertex AI facade: an {@link Extractor} that also speaks the SDK's request shape. */
export class VertexAIExtractor extends GeminiFacadeExtractor implements VertexAIFacade {
  /** The SDK's request fields plus `messages` and `responseModel`; `stream: true` for an `AsyncIterable`. */
  readonly create = ((params: GeminiFacadeParams) => this.dispatch(params)) as VertexAIFacade['create'];
  /** The calls with the raw last `GenerateContentResponse`, summed usage and the attempt count. */
  readonly createWithResponse = ((params: GeminiFacadeParams) =>
    this.dispatchWithResponse(params)) as VertexAIFacade['createWithResponse'];
}

/**
 * Wraps a `@google-cloud/vertexai` `GenerativeModel` for parallel tool calls. Cancelling with
 * `signal` rejects at once, but this SDK cannot abort its HTTP request, which runs to its end.
 *
 * @example
 * const model = new VertexAI({ project, location }).getGenerativeModel({ model: 'gemini-2.5-flash' });
 * const client = fromVertexAI(model, { mode: Mode.VERTEXAI_PARALLEL_TOOLS });
 * const calls = await client.create({
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' }],
 *   responseModel: [Weather, GoogleSearch],
 * }); // Array<Weather | GoogleSearch>
 */
export function fromVertexAI(
  model: GenerativeModel,
  options: VertexAIExtractorOptions = {},
): VertexAIExtractor {
  resolveMode('fromVertexAI', options.mode, [Mode.VERTEXAI_PARALLEL_TOOLS]);
  return new VertexAIExtractor(new VertexAIAdapter(model), options);
}
