import { setTimeout as sleep } from 'node:timers/promises';
import { BatchRequestError, type BatchRequestErrorCode } from '../errors/batch-request.error';
import { ExtractionError } from '../errors/extraction.error';
import { ParallelToolsError } from '../errors/parallel-tools.error';
import { continueWhole } from '../extractor/extraction.run';
import type { ProviderAdapter } from '../extractor/provider-adapter';
import type { BatchEntry } from './batch-entry';
import type { BatchProtocol, BatchState } from './batch-protocol';
import { judgeResults } from './batch-results.judge';
import type { BatchOutcome, BatchRunOptions } from './batch.types';
import { OutcomeCounter } from './outcome.counter';

const DEFAULT_POLL_INTERVAL_MS = 30_000;

/** Sends every entry's next request body (built by the adapter) as one batch. */
export function submitEntries(
  protocol: BatchProtocol,
  entries: Iterable<BatchEntry<any>>,
  options: BatchRunOptions,
): Promise<BatchState> {
  const bodies: object[] = [];
  for (const { customId, run } of entries) bodies.push(protocol.entry(customId, run.begin(false)));
  return protocol.submit(bodies, { signal: options.signal, metadata: options.metadata });
}

/**
 * A submitted batch and its follow-up batches of re-asks. `results()` waits for each batch, reads
 * its results line by line, and yields every request's final outcome exactly once.
 *
 * @example
 * const job = await client.batches.submit(requests, { maxRetries: 1, pollIntervalMs: 60_000 });
 * for await (const outcome of job.results()) {
 *   if (outcome.ok) save(outcome.customId, outcome.data);
 *   else report(outcome.customId, outcome.error);
 * }
 */
export class BatchJob<T = object> {
  private round = 1;
  private started = false;
  private readonly counter: OutcomeCounter;

  constructor(
    private readonly protocol: BatchProtocol,
    private readonly adapter: ProviderAdapter<unknown, unknown, any>,
    private entries: Map<string, BatchEntry<any>>,
    private current: BatchState,
    private readonly options: BatchRunOptions = {},
  ) {
    this.counter = new OutcomeCounter(entries.size, options.onProgress);
  }

  /** The provider's id of the current batch (a follow-up batch has its own). */
  get id(): string {
    return this.current.id;
  }

  /** The current batch as last polled. */
  get state(): BatchState {
    return this.current;
  }

  /**
   * Polls until the current batch is over, judges its results, submits the re-asks as a
   * follow-up batch (up to `maxRetries`), and yields each request's final outcome. Read it once.
   */
  async *results(): AsyncGenerator<BatchOutcome<T>> {
    if (this.started) {
      throw new ParallelToolsError(
        'invalid_options',
        'BatchJob.results() was already read: it yields each outcome once. Keep the outcomes you need as they come.',
      );
    }
    this.started = true;
    const { signal, maxLineLength } = this.options;
    for (;;) {
      await this.untilOver();
      const pending = this.entries;
      const take = (customId: string) => {
        const entry = pending.get(customId);
        pending.delete(customId);
        return entry;
      };
      const reasks: BatchEntry<any>[] = [];
      for await (const source of this.protocol.results(this.current, signal)) {
        for await (const verdict of judgeResults(
          this.adapter,
          this.protocol,
          source,
          { take },
          maxLineLength,
        )) {
          if ('reask' in verdict) reasks.push(verdict.reask);
          else yield this.report(verdict.outcome);
        }
      }
      for (const entry of pending.values()) yield this.report(this.missing(entry));
      if (reasks.length === 0) return;
      if (this.options.reask === 'direct') {
        for (const entry of reasks) yield this.report(await this.reaskDirectly(entry));
        return;
      }
      this.entries = new Map(reasks.map((entry) => [entry.customId, entry]));
      this.current = await submitEntries(this.protocol, reasks, this.options);
      this.round++;
    }
  }

  /** Asks the provider to cancel the current batch; the requests not run yet end `batch_cancelled`. */
  async cancel(signal?: AbortSignal): Promise<BatchState> {
    this.current = await this.protocol.cancel(this.current.id, signal ?? this.options.signal);
    return this.current;
  }

  private async untilOver(): Promise<void> {
    const { signal, pollIntervalMs = DEFAULT_POLL_INTERVAL_MS } = this.options;
    for (;;) {
      const { id, counts, status } = this.current;
      this.options.onProgress?.({ phase: 'running', round: this.round, batchId: id, ...counts });
      if (status !== 'running') return;
      await sleep(pollIntervalMs, undefined, { signal });
      this.current = await this.protocol.retrieve(id, signal);
    }
  }

  private report(outcome: BatchOutcome<any>): BatchOutcome<T> {
    this.counter.add(outcome, this.round, this.current.id);
    return outcome;
  }

  /** Re-asks one request with ordinary requests until it settles; an SDK error is that request's outcome. */
  private async reaskDirectly(entry: BatchEntry<any>): Promise<BatchOutcome<T>> {
    const { customId, run } = entry;
    const signal = this.options.signal;
    try {
      return { customId, ok: true, ...((await continueWhole(run, this.adapter, signal)) as any) };
    } catch (error) {
      if (error instanceof ExtractionError) return { customId, ok: false, error };
      if (signal?.aborted) throw error;
      const status = (error as { status?: unknown })?.status;
      const failed = new BatchRequestError(
        'batch_request_failed',
        `The direct re-ask of ${JSON.stringify(customId)} failed: ${(error as Error)?.message ?? String(error)}. ` +
          'The cause is in error.cause; re-submit the request once the provider answers again.',
        { customId, status: typeof status === 'number' ? status : undefined, cause: error },
      );
      return { customId, ok: false, error: failed };
    }
  }

  /** A request the results had no line for: what the batch's status says happened to it. */
  private missing(entry: BatchEntry<any>): BatchOutcome<T> {
    const { status, detail, id } = this.current;
    const [code, message]: [BatchRequestErrorCode, string] =
      status === 'expired'
        ? [
            'batch_expired',
            `Batch ${id} expired before request ${JSON.stringify(entry.customId)} ran: re-submit it.`,
          ]
        : status === 'cancelled'
          ? [
              'batch_cancelled',
              `Batch ${id} was cancelled before request ${JSON.stringify(entry.customId)} ran.`,
            ]
          : status === 'failed'
            ? [
                'batch_failed',
                `The provider rejected batch ${id} as a whole (${detail ?? 'no reason given'}): fix the input and re-submit.`,
              ]
            : [
                'batch_result_missing',
                `Batch ${id} finished without a results line for ${JSON.stringify(entry.customId)}: re-submit this request.`,
              ];
    return {
      customId: entry.customId,
      ok: false,
      error: new BatchRequestError(code, message, { customId: entry.customId }),
    };
  }
}
