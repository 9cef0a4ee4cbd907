import type { ResultsSource } from './batch-protocol';

/** One line of a results source, numbered from 1; `text` is cut to its head when the line was too long. */
export interface ResultsLine {
  line: number;
  text: string;
  /** The line was longer than the limit: `text` holds only its first {@link HEAD_LENGTH} characters. */
  oversized: boolean;
}

/** How much of an oversized line is kept: enough to find its custom id. */
export const HEAD_LENGTH = 1024;

/** The default longest line, in characters. */
export const DEFAULT_MAX_LINE_LENGTH = 32 * 1024 * 1024;

/**
 * Splits a results source into lines, one at a time, holding at most one line (bounded by
 * `maxLineLength`) in memory whatever the source's size. Blank lines are skipped; a final line
 * without a newline counts.
 */
export async function* readResultsLines(
  source: ResultsSource,
  maxLineLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<ResultsLine> {
  const decoder = new TextDecoder();
  let pending = '';
  let oversized = false;
  let line = 0;
  for await (const chunk of chunksOf(source)) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
      const whole = oversized ? pending : pending + text.slice(from, at);
      from = at + 1;
      line++;
      if (oversized || whole.length > maxLineLength) {
        yield { line, text: whole.slice(0, HEAD_LENGTH), oversized: true };
      } else if (whole.trim() !== '') yield { line, text: whole, oversized: false };
      pending = '';
      oversized = false;
    }
    if (oversized) continue;
    pending += text.slice(from);
    if (pending.length > maxLineLength) {
      // Keep the head to name the request, drop the rest of the line as it streams by.
      pending = pending.slice(0, HEAD_LENGTH);
      oversized = true;
    }
  }
  pending += oversized ? '' : decoder.decode();
  if (oversized) yield { line: line + 1, text: pending, oversized: true };
  else if (pending.trim() !== '') yield { line: line + 1, text: pending, oversized: false };
}

/** A web `ReadableStream` is not async-iterable in every runtime's types: read it through its reader. */
async function* chunksOf(source: ResultsSource): AsyncGenerator<Uint8Array | string> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array | string>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (let step = await reader.read(); !step.done; step = await reader.read()) yield step.value;
  } finally {
    reader.releaseLock();
  }
}
