import { Inject } from '@nestjs/common';
import { ParallelToolsError } from '../errors/parallel-tools.error';
import { Extractor } from '../extractor/extractor';

/** Prefix of the string tokens of named extractors: `parallel-tools:extractor:<name>`. */
const NAMED_TOKEN_PREFIX = 'parallel-tools:extractor:';

/**
 * The injection token of an extractor registered by `ParallelToolsModule`: the `Extractor` class
 * itself for the default (unnamed) one, so services inject it by type, and a string token per
 * name otherwise.
 *
 * @example
 * const openai = app.get<Extractor>(getExtractorToken('openai'));
 * const fallback = app.get(getExtractorToken()); // === app.get(Extractor)
 */
export function getExtractorToken(name?: string): typeof Extractor | string {
  if (name === undefined) return Extractor;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ParallelToolsError(
      'invalid_options',
      `An extractor name must be a non-empty string; got ${JSON.stringify(name)}. ` +
        `Leave the name out for the default extractor, which is injected by type.`,
    );
  }
  return NAMED_TOKEN_PREFIX + name;
}

/**
 * Injects the extractor registered under `name` (the default one without a name; the default one
 * is also injected by type, with no decorator at all).
 *
 * @example
 * @Injectable()
 * class Planner {
 *   constructor(
 *     @InjectExtractor('openai') private readonly openai: Extractor,
 *     @InjectExtractor('gemini') private readonly gemini: Extractor,
 *   ) {}
 * }
 */
export function InjectExtractor(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getExtractorToken(name));
}
