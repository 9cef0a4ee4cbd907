/** One function call for the Responses reply builders; `arguments` as an object is JSON-encoded, a string is sent verbatim. */
export interface ResponsesFunctionCallSpec {
  name: string;
  arguments: object | string;
  /** The `call_id`; defaults to `call_mock_<n>` (1-based position); `null` leaves it out of the wire. */
  callId?: string | null;
  /** The item `id`; defaults to `fc_mock_<n>`. */
  id?: string;
}

/** Optional parts of a built Responses reply (JSON or stream). */
export interface ResponsesReplyExtra {
  /** `completed` by default; `incomplete` needs `incompleteReason`; `failed` uses `error`. */
  status?: 'completed' | 'incomplete' | 'failed';
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  /** The failure of a `failed` reply (default `server_error`). */
  error?: { code: string; message: string };
  /** A reasoning item before the calls, as reasoning models send it (with `encrypted_content` when given). */
  reasoning?: { encryptedContent?: string; summary?: string };
  /** A message item with this `output_text` before the calls. */
  text?: string;
  /** A message item with a `refusal` part. */
  refusal?: string;
  usage?: object;
  model?: string;
  /** Stream only: characters of arguments per delta (default 8), splitting JSON tokens like the real API. */
  argumentChunkSize?: number;
}

type Item = Record<string, any>;
const DEFAULT_MODEL = 'gpt-4.1-mini-mock';

/**
 * The `response` body whose `output` holds these function calls (after an optional reasoning
 * and message item), shaped like the real API's.
 * @example
 * server.enqueue({ json: responsesFunctionCallsResponse([{ name: 'Weather', arguments: { location: 'Paris' } }]) });
 */
export function responsesFunctionCallsResponse(
  calls: ResponsesFunctionCallSpec[],
  extra: ResponsesReplyExtra = {},
): Record<string, any> {
  return responseBody(outputItems(calls, extra), extra);
}

/**
 * The events of a streamed Responses reply with these calls, in the real API's order:
 * `response.created`, `response.in_progress`, per item `response.output_item.added` (a call with
 * empty arguments), `response.function_call_arguments.delta` fragments, `.done`,
 * `response.output_item.done`; then `response.completed` (or `.incomplete` / `.failed`) with the
 * whole response. The OpenAI mock server sends each with its `event:` line.
 * @example
 * server.enqueue({ sse: responsesFunctionCallsStream(calls, { argumentChunkSize: 3 }) });
 */
export function responsesFunctionCallsStream(
  calls: ResponsesFunctionCallSpec[],
  extra: ResponsesReplyExtra = {},
): Array<Record<string, any>> {
  const size = Math.max(1, extra.argumentChunkSize ?? 8);
  const items = outputItems(calls, extra);
  const final = responseBody(items, extra);
  const head = {
    ...final,
    status: 'in_progress',
    output: [],
    usage: null,
    incomplete_details: null,
    error: null,
  };
  let sequence = 0;
  const event = (type: string, body: object) => ({ type, ...body, sequence_number: sequence++ });
  const events = [
    event('response.created', { response: head }),
    event('response.in_progress', { response: head }),
  ];
  items.forEach((item, output_index) => {
    if (item.type !== 'function_call') {
      events.push(
        event('response.output_item.added', { output_index, item: { ...item, status: 'in_progress' } }),
      );
      events.push(event('response.output_item.done', { output_index, item }));
      return;
    }
    const text: string = item.arguments;
    events.push(
      event('response.output_item.added', {
        output_index,
        item: { ...item, arguments: '', status: 'in_progress' },
      }),
    );
    for (let at = 0; at < text.length; at += size) {
      const delta = text.slice(at, at + size);
      events.push(event('response.function_call_arguments.delta', { item_id: item.id, output_index, delta }));
    }
    events.push(
      event('response.function_call_arguments.done', { item_id: item.id, output_index, arguments: text }),
    );
    events.push(event('response.output_item.done', { output_index, item }));
  });
  const status = extra.status ?? 'completed';
  events.push(event(`response.${status}`, { response: final }));
  return events;
}

function outputItems(calls: ResponsesFunctionCallSpec[], extra: ResponsesReplyExtra): Item[] {
  const items: Item[] = [];
  if (extra.reasoning) {
    items.push({
      id: 'rs_mock_1',
      type: 'reasoning',
      summary: extra.reasoning.summary ? [{ type: 'summary_text', text: extra.reasoning.summary }] : [],
      ...(extra.reasoning.encryptedContent ? { encrypted_content: extra.reasoning.encryptedContent } : {}),
    });
  }
  if (extra.text !== undefined || extra.refusal !== undefined) {
    const content: Item[] = [];
    if (extra.text !== undefined) content.push({ type: 'output_text', text: extra.text, annotations: [] });
    if (extra.refusal !== undefined) content.push({ type: 'refusal', refusal: extra.refusal });
    items.push({ id: 'msg_mock_1', type: 'message', role: 'assistant', status: 'completed', content });
  }
  calls.forEach((call, i) => {
    const callId = call.callId === undefined ? `call_mock_${i + 1}` : call.callId;
    items.push({
      id: call.id ?? `fc_mock_${i + 1}`,
      type: 'function_call',
      status: extra.status === 'incomplete' && i === calls.length - 1 ? 'incomplete' : 'completed',
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
      ...(callId === null ? {} : { call_id: callId }),
      name: call.name,
    });
  });
  return items;
}

function responseBody(output: Item[], extra: ResponsesReplyExtra): Record<string, any> {
  const status = extra.status ?? 'completed';
  return {
    id: 'resp_mock',
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error:
      status === 'failed' ? (extra.error ?? { code: 'server_error', message: 'The model failed.' }) : null,
    incomplete_details:
      status === 'incomplete' ? { reason: extra.incompleteReason ?? 'max_output_tokens' } : null,
    instructions: null,
    model: extra.model ?? DEFAULT_MODEL,
    output,
    parallel_tool_calls: true,
    tool_choice: 'required',
    tools: [],
    usage: extra.usage ?? defaultUsage(output),
  };
}

function defaultUsage(output: Item[]): object {
  const text = output.reduce((sum, item) => sum + JSON.stringify(item).length, 0);
  const completion = Math.ceil(text / 4) + 1;
  return {
    input_tokens: 50,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: completion,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 50 + completion,
  };
}
