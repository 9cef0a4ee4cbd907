import type { ToolResultMessage } from '../../extractor/provider-adapter';
import { combinedResult, resultsByCall } from '../../extractor/reask-messages';
import type { Message, MessageParam } from './anthropic.types';

type Block = Record<string, any>;

/** Said after the tool results when a call was rejected and the run gave no instruction of its own. */
const CORRECTION =
  'Some tool calls were rejected (see the tool results above). Call those tools again with corrected arguments.';

/**
 * The turns that continue a Messages conversation after a reply: the assistant message with its
 * content echoed (thinking blocks with their signatures, `tool_use` inputs as objects; empty text
 * blocks, which the API refuses, left out), then ONE user message: one `tool_result` per
 * `tool_use` block (`is_error` for the rejected ones), then the correction text.
 *
 * A wrapper call's inner calls share its `tool_use` id: their results are grouped into one
 * `tool_result`. A block without an id, or with one an earlier block already used, gets a unique
 * one in the echo, since the API pairs each result with exactly one `tool_use`.
 */
export function anthropicReaskMessages(
  response: Message,
  results: ToolResultMessage[],
  instruction?: string,
): MessageParam[] {
  const content = (Array.isArray(response?.content) ? response.content : []) as Block[];
  const seen = new Set<string>();
  const ids: string[] = [];
  const echo = content.flatMap((block): Block[] => {
    if (block?.type === 'text' && (typeof block.text !== 'string' || block.text === '')) return [];
    if (block?.type !== 'tool_use') return [echoed(block)];
    const position = ids.length;
    let id =
      typeof block.id === 'string' && /^[A-Za-z0-9_-]+$/.test(block.id) ? block.id : `toolu_${position}`;
    while (seen.has(id)) id = `${id}_${position}`;
    seen.add(id);
    ids.push(id);
    const input =
      block.input !== null && typeof block.input === 'object' && !Array.isArray(block.input)
        ? block.input
        : {};
    const caller = block.caller && typeof block.caller === 'object' ? { caller: block.caller } : {};
    return [{ type: 'tool_use', id, name: String(block.name ?? ''), input, ...caller }];
  });

  const byCall = resultsByCall(results);
  const toolResults: Block[] = ids.map((tool_use_id, index) => {
    const group = byCall.get(index);
    const failed = !group || group.some((r) => !r.ok);
    return {
      type: 'tool_result',
      tool_use_id,
      content: combinedResult(group),
      ...(failed ? { is_error: true } : {}),
    };
  });

  const messages: MessageParam[] = [];
  if (echo.length > 0) messages.push({ role: 'assistant', content: echo } as MessageParam);
  const text = instruction ?? (toolResults.some((r) => r.is_error) ? CORRECTION : undefined);
  const user: Block[] = [...toolResults, ...(text ? [{ type: 'text', text }] : [])];
  if (user.length > 0) messages.push({ role: 'user', content: user } as MessageParam);
  return messages;
}

/** A reply block as a request block: the response-only fields (`citations: null`, …) dropped. */
function echoed(block: Block): Block {
  if (block?.type === 'text') {
    const { citations, ...rest } = block;
    return Array.isArray(citations) && citations.length > 0 ? block : rest;
  }
  return block;
}
