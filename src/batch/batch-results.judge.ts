import { BatchRequestError } from '../errors/batch-request.error';
import { ExtractionError } from '../errors/extraction.error';
import type { ProviderAdapter, ProviderTurn } from '../extractor/provider-adapter';
import type { BatchEntry } from './batch-entry';
import type { BatchProtocol, BatchResultLine, ResultsSource } from './batch-protocol';
import type { BatchOutcome } from './batch.types';
import { HEAD_LENGTH, readResultsLines, type ResultsLine } from './result-lines.reader';

/** What one results line leads to: a final outcome, or a re-ask turn queued on the entry's run. */
export type LineVerdict<T = object> = { outcome: BatchOutcome<T> } | { reask: BatchEntry<any> };

/** Where the judge finds the request a line answers. */
export interface PendingEntries<Msg> {
  /** The entry still waiting for this customId, taken out (a request has one line); undefined if none. */
  take(customId: string): BatchEntry<Msg> | undefined;
}

// Both OpenAI and Anthropic name the request `custom_id`; a broken line may still show it.
const CUSTOM_ID = /"custom_id"\s*:\s*"((?:[^"\\]|\\.){1,256})"/;

/**
 * Judges a results source line by line: each line's reply is read by the adapter (`readTurn`)
 * and judged by the request's own {@link ExtractionRun} (the validation, stop-reason and re-ask
 * logic of a single extraction). A bad line never stops the others: it is a typed outcome.
 */
export async function* judgeResults<Msg>(
  adapter: ProviderAdapter<unknown, unknown, Msg>,
  protocol: BatchProtocol,
  source: ResultsSource,
  pending: PendingEntries<Msg>,
  maxLineLength?: number,
): AsyncGenerator<LineVerdict> {
  for await (const line of readResultsLines(source, maxLineLength)) {
    yield await judgeLine(adapter, protocol, line, pending);
  }
}

async function judgeLine<Msg>(
  adapter: ProviderAdapter<unknown, unknown, Msg>,
  protocol: BatchProtocol,
  line: ResultsLine,
  pending: PendingEntries<Msg>,
): Promise<LineVerdict> {
  const value = line.oversized ? undefined : parseJson(line.text);
  const read = value === undefined ? undefined : protocol.readLine(value);
  if (!read) return { outcome: unreadable(line, value, pending) };
  const entry = pending.take(read.customId);
  if (!entry) {
    const error = new BatchRequestError(
      'batch_result_unexpected',
      `Results line ${line.line} answers ${JSON.stringify(read.customId)}, which is not a pending request of this batch ` +
        '(an unknown customId, or a second line for one): it was ignored. Check that the results belong to these requests.',
      { customId: read.customId, line: line.line, body: head(line.text) },
    );
    return { outcome: { customId: read.customId, ok: false, error } };
  }
  if ('error' in read) {
    const { code, message, status, body } = read.error;
    const error = new BatchRequestError(code, `${message} ${FIXES[code]}`, {
      customId: entry.customId,
      status,
      body,
      line: line.line,
    });
    return { outcome: { customId: entry.customId, ok: false, error } };
  }
  return judgeReply(adapter, entry, read, line);
}

async function judgeReply<Msg>(
  adapter: ProviderAdapter<unknown, unknown, Msg>,
  entry: BatchEntry<Msg>,
  read: Extract<BatchResultLine, { response: unknown }>,
  line: ResultsLine,
): Promise<LineVerdict> {
  const { customId, run } = entry;
  let turn: ProviderTurn;
  try {
    turn = adapter.readTurn(read.response);
  } catch (cause) {
    const error = new BatchRequestError(
      'batch_result_unreadable',
      `Results line ${line.line} (${JSON.stringify(customId)}) holds a reply the ${adapter.provider} adapter cannot read: ` +
        `${(cause as Error)?.message ?? String(cause)}. Check that the batch endpoint matches the client's mode.`,
      { customId, line: line.line, body: head(line.text), cause },
    );
    return { outcome: { customId, ok: false, error } };
  }
  try {
    const result = await run.judge(turn);
    return result ? { outcome: { customId, ok: true, ...result } } : { reask: entry };
  } catch (caught) {
    const error = run.failure(caught);
    if (error instanceof ExtractionError) return { outcome: { customId, ok: false, error } };
    throw error;
  }
}

/** A line that is not JSON, too long, or not of the protocol's shape: named by its custom id when one shows. */
function unreadable<Msg>(line: ResultsLine, value: unknown, pending: PendingEntries<Msg>): BatchOutcome {
  const own = (value as { custom_id?: unknown } | undefined)?.custom_id;
  const customId =
    typeof own === 'string' ? own : (CUSTOM_ID.exec(line.text.slice(0, HEAD_LENGTH))?.[1] ?? '');
  // The request is over: without this line it has nothing else to wait for.
  if (customId) pending.take(customId);
  const why = line.oversized
    ? 'is longer than the line limit (raise maxLineLength if the provider really sent it)'
    : value === undefined
      ? 'is not valid JSON'
      : 'does not have the shape of a batch results line';
  const error = new BatchRequestError(
    'batch_result_unreadable',
    `Results line ${line.line}${customId ? ` (${JSON.stringify(customId)})` : ''} ${why}; the other lines are read as usual. ` +
      'Re-submit this request on its own if it matters.',
    { customId, line: line.line, body: head(line.text) },
  );
  return { customId, ok: false, error };
}

/** The fix each provider-side error code calls for. */
const FIXES: Record<'batch_request_failed' | 'batch_expired' | 'batch_cancelled', string> = {
  batch_request_failed:
    'The provider rejected this request: read error.status and error.body, fix the request and re-submit it.',
  batch_expired:
    'The batch window ended before this request ran: re-submit it (in a smaller batch, or directly).',
  batch_cancelled: 'The batch was cancelled before this request ran: re-submit it if it is still needed.',
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function head(text: string): string {
  return text.length > HEAD_LENGTH ? `${text.slice(0, HEAD_LENGTH)}…` : text;
}
