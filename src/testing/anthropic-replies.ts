/**
 * One `tool_use` block for the Anthropic reply builders. `input` as an object is the block's
 * input; a string is its JSON text (parsed for a `Message`, streamed verbatim in fragments, so a
 * stream can carry JSON that does not parse). Left out, the input is `{}`.
 */
export interface AnthropicToolUseSpec {
  name: string;
  input?: object | string;
  /** Defaults to `toolu_mock_<n>` (1-based position). */
  id?: string;
}

/** Optional parts of a built Anthropic reply (a `Message` or a stream). */
export interface AnthropicReplyExtra {
  /** A leading `thinking` block, as extended thinking sends it (the signature defaults to a fixed string). */
  thinking?: { thinking: string; signature?: string };
  /** A `redacted_thinking` block (its opaque `data`) after the thinking block. */
  redactedThinking?: string;
  /** A `text` block before the `tool_use` blocks. */
  text?: string;
  /** Default `'tool_use'`, or `'end_turn'` when there are no calls. */
  stop_reason?: 'tool_use' | 'end_turn' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal';
  /** Fields merged over the default usage (input, output and cache token counts). */
  usage?: Record<string, unknown>;
  model?: string;
  /** The message id; default `msg_mock_1`. */
  id?: string;
}

/** Options of {@link anthropicToolUseStream}. */
export interface AnthropicStreamOptions extends AnthropicReplyExtra {
  /**
   * Pieces each tool input's JSON text is cut into after the leading `""` fragment (default 3),
   * at even positions, so that they split tokens like the real API. An empty input (`{}`) gets
   * the `""` fragment only, as the real API sends it for a tool without parameters.
   */
  fragments?: number;
  /** Whether `ping` events stand between blocks (default true). */
  pings?: boolean;
}

type Block = Record<string, any>;
const DEFAULT_MODEL = 'claude-sonnet-4-5-mock';
const DEFAULT_SIGNATURE = 'c2lnbmF0dXJlLW1vY2s=';

/**
 * The `Message` body whose content holds these `tool_use` blocks (after an optional thinking,
 * redacted thinking and text block), shaped like the real API's.
 * @example
 * server.enqueue({ json: anthropicToolUseMessage([{ name: 'Weather', input: { location: 'Paris' } }]) });
 */
export function anthropicToolUseMessage(
  calls: AnthropicToolUseSpec[],
  extra: AnthropicReplyExtra = {},
): Record<string, any> {
  return {
    ...messageHead(extra),
    content: [...leadingBlocks(extra), ...calls.map((call, i) => toolUseBlock(call, i, inputObject(call)))],
    stop_reason: stopReason(calls, extra),
    usage: usage(calls, extra),
  };
}

/**
 * The event payloads of a streamed reply with these calls, in the real API's order:
 * `message_start` (empty content), the thinking / redacted thinking / text blocks with their
 * deltas, per call `content_block_start` (`tool_use` with `input: {}`), `input_json_delta`
 * fragments (the first `""`), `content_block_stop`; `ping` between blocks; then `message_delta`
 * (stop reason, output tokens) and `message_stop`. The Anthropic mock server names each event
 * after its `type`.
 * @example
 * server.enqueue({ sse: anthropicToolUseStream(calls, { fragments: 4 }) });
 */
export function anthropicToolUseStream(
  calls: AnthropicToolUseSpec[],
  options: AnthropicStreamOptions = {},
): Array<Record<string, any>> {
  const { output_tokens, ...startUsage } = usage(calls, options);
  const events: Block[] = [
    {
      type: 'message_start',
      message: {
        ...messageHead(options),
        content: [],
        stop_reason: null,
        usage: { ...startUsage, output_tokens: 1 },
      },
    },
  ];
  const leading = leadingBlocks(options);
  const blocks = [
    ...leading.map((block, index) => leadingEvents(block, index)),
    ...calls.map((call, i) => toolUseEvents(call, i, leading.length + i, options)),
  ];
  blocks.forEach((block, index) => {
    if (index > 0 && options.pings !== false) events.push({ type: 'ping' });
    events.push(...block);
  });
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason(calls, options), stop_sequence: null },
      usage: { output_tokens },
    },
    { type: 'message_stop' },
  );
  return events;
}

/** The start, deltas and stop of a thinking, redacted thinking or text block. */
function leadingEvents(block: Block, index: number): Block[] {
  const delta = (d: object): Block => ({ type: 'content_block_delta', index, delta: d });
  const stop = { type: 'content_block_stop', index };
  const start = (content_block: object): Block => ({ type: 'content_block_start', index, content_block });
  if (block.type === 'thinking') {
    return [
      start({ type: 'thinking', thinking: '', signature: '' }),
      delta({ type: 'thinking_delta', thinking: block.thinking }),
      delta({ type: 'signature_delta', signature: block.signature }),
      stop,
    ];
  }
  if (block.type === 'text') {
    return [start({ type: 'text', text: '' }), delta({ type: 'text_delta', text: block.text }), stop];
  }
  // redacted_thinking arrives whole in its start event.
  return [start(block), stop];
}

/** A tool_use block: its start with `input: {}`, the input's JSON text in fragments, its stop. */
function toolUseEvents(
  call: AnthropicToolUseSpec,
  position: number,
  index: number,
  options: AnthropicStreamOptions,
): Block[] {
  const deltas = fragments(inputText(call), options.fragments ?? 3).map((partial_json) => ({
    type: 'content_block_delta',
    index,
    delta: { type: 'input_json_delta', partial_json },
  }));
  return [
    { type: 'content_block_start', index, content_block: toolUseBlock(call, position, {}) },
    ...deltas,
    { type: 'content_block_stop', index },
  ];
}

/** `""` first, then the text in `pieces` even parts; `{}` is the `""` fragment only. */
function fragments(text: string, pieces: number): string[] {
  if (text === '{}') return [''];
  const count = Math.max(1, Math.min(pieces, text.length));
  const cuts = Array.from({ length: count + 1 }, (_, i) => Math.round((text.length * i) / count));
  return ['', ...cuts.slice(1).map((end, i) => text.slice(cuts[i], end))];
}

function leadingBlocks(extra: AnthropicReplyExtra): Block[] {
  const blocks: Block[] = [];
  if (extra.thinking) {
    const signature = extra.thinking.signature ?? DEFAULT_SIGNATURE;
    blocks.push({ type: 'thinking', thinking: extra.thinking.thinking, signature });
  }
  if (extra.redactedThinking !== undefined) {
    blocks.push({ type: 'redacted_thinking', data: extra.redactedThinking });
  }
  if (extra.text !== undefined) blocks.push({ type: 'text', text: extra.text });
  return blocks;
}

function toolUseBlock(call: AnthropicToolUseSpec, position: number, input: unknown): Block {
  return { type: 'tool_use', id: call.id ?? `toolu_mock_${position + 1}`, name: call.name, input };
}

function messageHead(extra: AnthropicReplyExtra): Block {
  return {
    id: extra.id ?? 'msg_mock_1',
    type: 'message',
    role: 'assistant',
    model: extra.model ?? DEFAULT_MODEL,
    stop_sequence: null,
  };
}

function stopReason(calls: AnthropicToolUseSpec[], extra: AnthropicReplyExtra): string {
  return extra.stop_reason ?? (calls.length > 0 ? 'tool_use' : 'end_turn');
}

function usage(calls: AnthropicToolUseSpec[], extra: AnthropicReplyExtra): Record<string, any> {
  const output = calls.reduce((sum, call) => sum + Math.ceil(inputText(call).length / 4) + 5, 1);
  return {
    input_tokens: 50,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: output,
    ...extra.usage,
  };
}

function inputText(call: AnthropicToolUseSpec): string {
  return typeof call.input === 'string' ? call.input : JSON.stringify(call.input ?? {});
}

function inputObject(call: AnthropicToolUseSpec): unknown {
  if (typeof call.input !== 'string') return call.input ?? {};
  try {
    return JSON.parse(call.input);
  } catch {
    // A Message carries its input as an object: JSON that does not parse only exists in a stream.
    throw new Error(`anthropicToolUseMessage: the input of ${call.name} is not JSON: ${call.input}`);
  }
}
