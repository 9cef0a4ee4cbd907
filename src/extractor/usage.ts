import type { Usage } from './extractor.types';

/** A provider's token counts in neutral terms; the total is the sum when the provider gives none. */
export function usageOf(prompt: number | undefined, completion: number | undefined, total?: number): Usage {
  const promptTokens = prompt ?? 0;
  const completionTokens = completion ?? 0;
  return { promptTokens, completionTokens, totalTokens: total ?? promptTokens + completionTokens };
}
