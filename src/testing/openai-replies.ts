/** One tool call for the OpenAI reply builders; `arguments` as an object is JSON-encoded, a string is sent verbatim. */
export interface OpenAIToolCallSpec {
  name: string;
  arguments: object | string;
  /** Defaults to `call_mock_<n>` (1-based position). */
  id?: string;
}

/** Optional parts of a built chat.completion. */
export interface OpenAICompletionExtra {
  /** Default `'tool_calls'`, or `'stop'` when there are no calls. */
  finish_reason?: string;
  usage?: object;
  content?: string | null;
  refusal?: string | null;
  model?: string;
}

/** Options of {@link openAIToolCallsStream}. */
export interface OpenAIStreamOptions {
  /** Characters of arguments per delta (default 8): small enough to split JSON tokens, like the real API. */
  argumentChunkSize?: number;
  usage?: object;
  finish_reason?: string;
  model?: string;
}

const DEFAULT_MODEL = 'gpt-4o-mini-mock';

/**
 * The `chat.completion` body whose assistant message carries these tool calls.
 * @example
 * server.enqueue({ json: openAIToolCallsCompletion([{ name: 'Weather', arguments: { location: 'Paris' } }]) });
 */
export function openAIToolCallsCompletion(
  calls: OpenAIToolCallSpec[],
  extra: OpenAICompletionExtra = {},
): Record<string, any> {
  const toolCalls = calls.map((call, i) => ({
    id: callId(call, i),
    type: 'function',
    function: { name: call.name, arguments: argumentsText(call) },
  }));
  return {
    id: 'chatcmpl-mock',
    object: 'chat.completion',
    created: nowSeconds(),
    model: extra.model ?? DEFAULT_MODEL,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: extra.content ?? null,
          refusal: extra.refusal ?? null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: extra.finish_reason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
      },
    ],
    usage: extra.usage ?? defaultUsage(calls),
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed reply with these tool calls, shaped like the
 * real API: a role delta; per call a first delta with index, id, type, name and `arguments: ''`,
 * then the arguments in fragments; a `finish_reason` chunk; a usage chunk with `choices: []`.
 * @example
 * server.enqueue({ sse: openAIToolCallsStream(calls, { argumentChunkSize: 3 }) });
 */
export function openAIToolCallsStream(
  calls: OpenAIToolCallSpec[],
  options: OpenAIStreamOptions = {},
): Array<Record<string, any>> {
  const size = Math.max(1, options.argumentChunkSize ?? 8);
  const model = options.model ?? DEFAULT_MODEL;
  const head = { id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: nowSeconds(), model };
  const chunk = (delta: object, finishReason: string | null = null): Record<string, any> => ({
    ...head,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const toolDelta = (toolCall: object): Record<string, any> => chunk({ tool_calls: [toolCall] });

  const chunks = [chunk({ role: 'assistant', content: null })];
  calls.forEach((call, index) => {
    const text = argumentsText(call);
    const fn = { name: call.name, arguments: '' };
    chunks.push(toolDelta({ index, id: callId(call, index), type: 'function', function: fn }));
    for (let at = 0; at < text.length; at += size) {
      chunks.push(toolDelta({ index, function: { arguments: text.slice(at, at + size) } }));
    }
  });
  chunks.push(chunk({}, options.finish_reason ?? (calls.length > 0 ? 'tool_calls' : 'stop')));
  chunks.push({ ...head, choices: [], usage: options.usage ?? defaultUsage(calls) });
  return chunks;
}

function callId(call: OpenAIToolCallSpec, index: number): string {
  return call.id ?? `call_mock_${index + 1}`;
}

function argumentsText(call: OpenAIToolCallSpec): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

function defaultUsage(calls: OpenAIToolCallSpec[]): object {
  const completion = calls.reduce((sum, call) => sum + Math.ceil(argumentsText(call).length / 4) + 5, 1);
  return { prompt_tokens: 50, completion_tokens: completion, total_tokens: 50 + completion };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
