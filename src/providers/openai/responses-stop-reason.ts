import type { StopReason } from '../../extractor/provider-adapter';
import type { Response } from './responses.types';

/** What a Responses reply says about how it ended. */
export interface ResponsesEnding {
  status?: Response['status'];
  incompleteReason?: string;
  /** The text of a `refusal` content part, if the reply has one. */
  refusal?: string;
  /** `response.error` (a failed reply) or an `error` event. */
  error?: { code?: string | null; message?: string } | null;
  calls: number;
}

/**
 * Maps a Responses reply's ending to the neutral {@link StopReason}: a failure or cancellation
 * is `failed`, a refusal part `refusal`, `incomplete` with `content_filter` `blocked`, any other
 * incomplete reason (`max_output_tokens`, …) `length`.
 */
export function responsesStopReason(ending: ResponsesEnding): StopReason {
  if (ending.error || ending.status === 'failed' || ending.status === 'cancelled') return 'failed';
  if (ending.refusal) return 'refusal';
  if (ending.status === 'incomplete')
    return ending.incompleteReason === 'content_filter' ? 'blocked' : 'length';
  return ending.calls > 0 ? 'tool_calls' : 'stop';
}

/** The reason text that goes with a stop reason, for the error message. */
export function responsesStopDetail(ending: ResponsesEnding, text: string): string | undefined {
  if (ending.error) return [ending.error.code, ending.error.message].filter(Boolean).join(': ') || undefined;
  if (ending.status === 'failed' || ending.status === 'cancelled') return `status ${ending.status}`;
  if (ending.refusal) return ending.refusal;
  if (ending.status === 'incomplete') return ending.incompleteReason ?? 'incomplete';
  return text || undefined;
}
