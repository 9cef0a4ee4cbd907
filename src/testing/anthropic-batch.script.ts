import { anthropicErrorBody } from './anthropic-errors';
import { anthropicToolUseMessage } from './anthropic-replies';
import { joinLines } from './batch-http';

/** One request of a created Message Batch. */
export interface AnthropicBatchRequest {
  custom_id: string;
  /** The Messages request body (model, max_tokens, messages, tools, ...). */
  params: any;
}

/** Answers one batch request with a `Message` body; `undefined` leaves it unanswered. */
export type AnthropicBatchAnswer = (params: any, customId: string) => object | undefined;

/** The script of one Message Batch (each created batch takes the next one; the default when none is left). */
export interface AnthropicBatchScript {
  /** How many `retrieve` calls see `in_progress` (with growing counts) before it ends. Default 1. */
  polls?: number;
  /** The `Message` of each succeeded request; the routes' `answer` when left out. */
  answer?: AnthropicBatchAnswer;
  /** The result of a request the answer left `undefined`. Default `expired`. */
  unanswered?: 'expired' | 'canceled';
  /** Requests whose result is `errored` (an `invalid_request_error`). */
  errored?: string[];
  /** Raw lines appended to the results (JSON that does not parse, an unknown custom_id). */
  extraLines?: string[];
  /** Requests left out of the results (they still count as succeeded). */
  dropLines?: string[];
  /** An HTTP error for one step of this batch, once: its status code. */
  fault?: { on: 'create' | 'retrieve' | 'results'; status: number };
}

/** The result counts of an ended batch. */
export interface AnthropicBatchCounts {
  processing: number;
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

/** The default answer: a tool_use message with no calls (script `answer` to say more). @internal */
export const emptyAnswer: AnthropicBatchAnswer = () => anthropicToolUseMessage([]);

/**
 * The results JSONL of an ended batch and its counts: requests from `canceledFrom` on are
 * canceled (a cancel before they ran). @internal
 */
export function batchResults(
  requests: AnthropicBatchRequest[],
  script: AnthropicBatchScript,
  answer: AnthropicBatchAnswer,
  canceledFrom = requests.length,
): { jsonl: string; counts: AnthropicBatchCounts } {
  const counts: AnthropicBatchCounts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  const lines: string[] = [];
  requests.forEach(({ custom_id, params }, index) => {
    const result = resultOf(custom_id, params, index >= canceledFrom, script, answer);
    counts[result.type]++;
    if (!script.dropLines?.includes(custom_id)) lines.push(JSON.stringify({ custom_id, result }));
  });
  return { jsonl: joinLines([...lines, ...(script.extraLines ?? [])]), counts };
}

type Result =
  | { type: 'succeeded'; message: object }
  | { type: 'errored'; error: unknown }
  | { type: 'canceled' | 'expired' };

function resultOf(
  customId: string,
  params: any,
  canceled: boolean,
  script: AnthropicBatchScript,
  answer: AnthropicBatchAnswer,
): Result {
  if (canceled) return { type: 'canceled' };
  if (script.errored?.includes(customId)) {
    return { type: 'errored', error: anthropicErrorBody(400, `Scripted error for request ${customId}`) };
  }
  const message = answer(params, customId);
  return message === undefined ? { type: script.unanswered ?? 'expired' } : { type: 'succeeded', message };
}
