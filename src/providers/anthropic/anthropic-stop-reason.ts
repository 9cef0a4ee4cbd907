import type { StopReason } from '../../extractor/provider-adapter';

/** What a Messages reply says about how it ended. */
export interface AnthropicEnding {
  stopReason?: string | null;
  /** An `error` the stream reported (the SDK raises most of them itself). */
  error?: { type?: string; message?: string };
  calls: number;
}

/**
 * Maps a Messages reply's `stop_reason` to the neutral {@link StopReason}: `max_tokens` and
 * `model_context_window_exceeded` are `length` (complete calls kept), `refusal` is `refusal`,
 * `pause_turn` is `paused`; `tool_use`, `end_turn` and `stop_sequence` are a normal end, with
 * or without calls.
 */
export function anthropicStopReason(ending: AnthropicEnding): StopReason {
  if (ending.error) return 'failed';
  switch (ending.stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'refusal';
    case 'pause_turn':
      return 'paused';
    default:
      return ending.calls > 0 ? 'tool_calls' : 'stop';
  }
}

/** The reason text that goes with a stop reason, for the error message. */
export function anthropicStopDetail(ending: AnthropicEnding, text: string): string | undefined {
  if (ending.error) return [ending.error.type, ending.error.message].filter(Boolean).join(': ') || undefined;
  switch (ending.stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
    case 'pause_turn':
      return ending.stopReason;
    case 'refusal':
      return text || 'stop_reason refusal';
    default:
      return text || undefined;
  }
}
