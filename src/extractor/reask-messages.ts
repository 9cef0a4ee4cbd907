import type { RawCall } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';
import type { ToolResultMessage } from './provider-adapter';

/** One call of an attempt as a re-ask reads it: the call, and its failure when it failed. */
export interface JudgedCall {
  call: RawCall;
  failure?: CallFailure;
}

/** The tool results of a re-ask: accepted calls acknowledged, each rejected one told what to fix. */
export function toolResults(judged: JudgedCall[], toolNames: string[]): ToolResultMessage[] {
  return judged.map((j) =>
    j.failure
      ? { call: j.call, ok: false, content: describeFailure(j.failure, toolNames) }
      : { call: j.call, ok: true, content: 'Accepted.' },
  );
}

/** What the model reads about one bad call. */
export function describeFailure(failure: CallFailure, toolNames: string[]): string {
  if (failure.code === 'unknown_tool') {
    return `Error: there is no tool named ${JSON.stringify(failure.name)}. Call one of: ${toolNames.join(', ')}.`;
  }
  const lines = failure.errors ?? [failure.message];
  return `Error: this ${failure.name} call was rejected:\n${lines.map((l) => `- ${l}`).join('\n')}\nCall ${failure.name} again with corrected arguments.`;
}

/**
 * The instruction added to a re-ask beside the tool results: when the model made no call, or left
 * bad calls of an earlier attempt without a replacement (their results were already sent).
 */
export function pendingInstruction(
  pending: CallFailure[],
  judged: JudgedCall[],
  toolNames: string[],
): string | undefined {
  if (judged.length === 0 && pending.length === 0) {
    return `You must call one or more of these tools: ${toolNames.join(', ')}.`;
  }
  const answered = new Set(judged.flatMap((j) => (j.failure ? [j.failure] : [])));
  const earlier = pending.filter((f) => !answered.has(f));
  if (earlier.length === 0) return undefined;
  return `These earlier calls still need a corrected replacement:\n${earlier.map((f) => describeFailure(f, toolNames)).join('\n')}`;
}

/**
 * The results of a re-ask grouped by the position of the call the provider sent: a wrapper's
 * inner calls share their wrapper's position, and the provider answers them in one result.
 */
export function resultsByCall(results: ToolResultMessage[]): Map<number, ToolResultMessage[]> {
  const byCall = new Map<number, ToolResultMessage[]>();
  for (const result of results) {
    const group = byCall.get(result.call.index);
    if (group) group.push(result);
    else byCall.set(result.call.index, [result]);
  }
  return byCall;
}

/** One result text for the calls that share a provider call: a wrapper's inner calls are numbered. */
export function combinedResult(results: ToolResultMessage[] | undefined): string {
  if (!results || results.length === 0)
    return 'This call was not checked; call it again if it is still needed.';
  if (results.length === 1) return results[0].content;
  const label = (r: ToolResultMessage) =>
    typeof r.call.name === 'string' && r.call.name !== '' ? r.call.name : '(unnamed call)';
  return results.map((r, i) => `${i + 1}. ${label(r)}: ${r.content}`).join('\n');
}
