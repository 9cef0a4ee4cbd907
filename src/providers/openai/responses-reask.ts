import type { ToolResultMessage } from '../../extractor/provider-adapter';
import { combinedResult, resultsByCall } from '../../extractor/reask-messages';
import type { Response, ResponseInputItem } from './responses.types';

type Item = Record<string, any>;

/**
 * The input items that continue a Responses conversation after a reply: every output item as it
 * came (reasoning items included, which the API requires before the calls they led to; nothing
 * depends on `store` or `previous_response_id`), then exactly one `function_call_output` per
 * `call_id`, then the instruction as a user message.
 *
 * A wrapper call's inner calls share its `call_id`: their results are grouped into one output. A
 * `function_call` item without a `call_id`, or with one an earlier item already used, gets a
 * unique one in the echo, since the API pairs each output with exactly one call.
 */
export function responsesReaskInput(
  response: Response,
  results: ToolResultMessage[],
  instruction?: string,
): ResponseInputItem[] {
  const output = (Array.isArray(response?.output) ? response.output : []) as Item[];
  const seen = new Set<string>();
  const callIds: string[] = [];
  const echo = output.map((item) => {
    if (item?.type !== 'function_call') return item;
    const position = callIds.length;
    let id = typeof item.call_id === 'string' && item.call_id !== '' ? item.call_id : `call_${position}`;
    while (seen.has(id)) id = `${id}_${position}`;
    seen.add(id);
    callIds.push(id);
    return id === item.call_id ? item : { ...item, call_id: id };
  });

  const byCall = resultsByCall(results);
  const outputs = callIds.map((call_id, index) => ({
    type: 'function_call_output' as const,
    call_id,
    output: combinedResult(byCall.get(index)),
  }));

  const input = [...echo, ...outputs] as ResponseInputItem[];
  if (instruction) input.push({ role: 'user', content: instruction });
  return input;
}
