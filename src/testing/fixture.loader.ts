import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/**
 * Reads a recorded provider response so that a mock server can replay it:
 * - `.json`: the parsed body (script it as `{ json }`);
 * - `.sse`: the `data:` payloads as strings, without the final `[DONE]` (script it as `{ sse }`:
 *   strings are sent verbatim, and the OpenAI server appends `[DONE]` again);
 * - `.jsonl` and `.chunks.txt`: one parsed object per non-blank line (one streamed chunk or
 *   event each; e.g. a recorded Responses stream, to script as `{ sse }`);
 * - `.sse.txt`: raw SSE with `event:` lines (a recorded Anthropic stream): each event's data
 *   parsed as an object, the `event:` lines dropped (script it as `{ sse }`: the Anthropic server
 *   names each event after its `type` again, which is what the recorded `event:` lines say).
 * @example
 * server.enqueue({ sse: loadFixture<string[]>('fixtures/openai-chat-stream.sse') });
 * anthropic.enqueue({ sse: loadFixture<object[]>('fixtures/more/anthropic-2-tool_use.sse.txt') });
 */
export function loadFixture<T = unknown>(path: string): T {
  const text = readFileSync(path, 'utf8');
  const lower = path.toLowerCase();
  if (lower.endsWith('.chunks.txt')) return jsonLines(text) as T;
  if (lower.endsWith('.sse.txt')) return ssePayloads(text).map((data) => JSON.parse(data)) as T;
  switch (extname(lower)) {
    case '.json':
      return JSON.parse(text) as T;
    case '.sse':
      return ssePayloads(text) as T;
    case '.jsonl':
      return jsonLines(text) as T;
    default:
      throw new Error(
        `loadFixture: unsupported fixture type for ${path} (expected .json, .sse, .sse.txt, .jsonl or .chunks.txt)`,
      );
  }
}

function jsonLines(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
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
