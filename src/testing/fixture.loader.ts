import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/**
 * Reads a recorded provider response so that a mock server can replay it:
 * - `.json`: the parsed body (script it as `{ json }`);
 * - `.sse`: the `data:` payloads as strings, without the final `[DONE]` (script it as `{ sse }`:
 *   strings are sent verbatim, and the OpenAI server appends `[DONE]` again);
 * - `.jsonl`: one parsed object per non-blank line (one streamed chunk each).
 * @example
 * server.enqueue({ sse: loadFixture<string[]>('fixtures/openai-chat-stream.sse') });
 */
export function loadFixture<T = unknown>(path: string): T {
  const text = readFileSync(path, 'utf8');
  switch (extname(path).toLowerCase()) {
    case '.json':
      return JSON.parse(text) as T;
    case '.sse':
      return ssePayloads(text) as T;
    case '.jsonl':
      return text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line)) as T;
    default:
      throw new Error(`loadFixture: unsupported fixture type for ${path} (expected .json, .sse or .jsonl)`);
  }
}

/** The data of each SSE event; multi-line data is joined with '\n' as the SSE spec says. */
function ssePayloads(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '' && data !== '[DONE]');
}
