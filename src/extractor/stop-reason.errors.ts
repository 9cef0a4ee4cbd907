import { ExtractionError, type CallFailure } from '../errors/extraction.error';
import type { ProviderTurn } from './provider-adapter';
import type { ResultSlots } from './result-slots';

/**
 * The error a reply's stop reason means, if any: the one place where every provider's stop
 * reasons (already mapped to a {@link ProviderTurn} `stop` by its adapter) become outcomes. The
 * valid calls are always kept in `results`.
 */
export function stopReasonError(
  turn: ProviderTurn,
  slots: ResultSlots,
  attempt: number,
): ExtractionError | undefined {
  // A normal end costs nothing: the details below walk every slot.
  if (turn.stop === 'tool_calls' || turn.stop === 'stop') return undefined;
  const details = {
    failures: slots.failures,
    results: slots.instances,
    response: turn.response,
    attempts: attempt,
  };
  const kept = `${slots.instances.length} valid call(s) are in error.results`;
  switch (turn.stop) {
    case 'refusal':
      return new ExtractionError(
        'refusal',
        `The model refused: ${turn.detail ?? '(no reason given)'}`,
        details,
      );
    case 'blocked':
      return new ExtractionError(
        'blocked',
        `The provider blocked the reply (${turn.detail ?? 'safety'}). Rephrase the request or adjust the provider's safety settings.`,
        details,
      );
    case 'length':
      return new ExtractionError(
        'incomplete_output',
        'The reply was cut off by the output token limit before every call was complete. Raise the max tokens setting ' +
          `(${kept}).`,
        details,
      );
    case 'failed':
      return new ExtractionError(
        'provider_error',
        `The provider reported a failure inside its reply: ${turn.detail ?? '(no reason given)'} (${kept}). ` +
          'Retry the request; if it keeps failing, check the provider status and the request settings.',
        details,
      );
    case 'paused':
      return new ExtractionError(
        'paused',
        `The provider paused the turn before it finished (${turn.detail ?? 'pause_turn'}; ${kept}). ` +
          'Send the reply back as an assistant turn to let the model continue, or narrow the request.',
        details,
      );
    default:
      return undefined;
  }
}

/** The error of a reply whose bad calls were not corrected within the retries. */
export function exhaustedError(
  turn: ProviderTurn,
  slots: ResultSlots,
  attempts: number,
  toolNames: string[],
): ExtractionError {
  const failures = slots.failures;
  const details = { failures, results: slots.instances, response: turn.response, attempts };
  if (slots.size === 0) {
    const said = turn.detail ? ` It answered: ${JSON.stringify(turn.detail.slice(0, 200))}` : '';
    return new ExtractionError(
      'no_tool_calls',
      `The model made no tool call (tools: ${toolNames.join(', ')}) after ${attempts} attempt(s).${said} ` +
        `Ask for the tools explicitly, or allow re-asks with maxRetries.`,
      details,
    );
  }
  const lines = failures.map(
    (f: CallFailure) => `- ${f.name}${f.id ? ` (${f.id})` : ''} #${f.index}: ${f.message}`,
  );
  return new ExtractionError(
    failures[0].code,
    `${failures.length} of ${slots.size} tool call(s) could not be used after ${attempts} attempt(s):\n${lines.join('\n')}\n` +
      `The ${slots.instances.length} valid call(s) are in error.results; raise maxRetries to let the model correct the rest.`,
    details,
  );
}
