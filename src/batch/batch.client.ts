import { ToolRegistry } from '../calls/tool-registry';
import { BatchRequestError } from '../errors/batch-request.error';
import type { ResponseModel, ToolCallOf } from '../extractor/extractor.types';
import { createEntries, createEntry, type BatchContext, type BatchEntry } from './batch-entry';
import type { BatchProtocol, ResultsSource } from './batch-protocol';
import { judgeResults, type PendingEntries } from './batch-results.judge';
import { BatchJob, submitEntries } from './batch.job';
import type { BatchOutcome, BatchRequest, BatchRunOptions, ReadResultsOptions } from './batch.types';
import { OutcomeCounter } from './outcome.counter';

/**
 * Bulk extraction through a provider's batch engine: many requests in one batch, each built
 * exactly as a single extraction would send it, each reply judged as a single extraction judges
 * it. Reached as `client.batches` of a `from*` factory.
 *
 * @example
 * const outcomes = await fromOpenAI(new OpenAI(), { model: 'gpt-4o-mini' }).batches.run(
 *   documents.map((doc) => ({
 *     customId: doc.id,
 *     messages: [{ role: 'user', content: doc.text }],
 *     responseModel: [Person, Place],
 *   })),
 *   { onProgress: ({ done, failed, total }) => console.log(`${done + failed}/${total}`) },
 * );
 */
export class BatchClient<Msg = unknown> {
  constructor(
    private readonly ctx: BatchContext<Msg>,
    private readonly protocol: BatchProtocol,
  ) {}

  /** The API every request of the batch goes to (e.g. `/v1/chat/completions`). */
  get endpoint(): string {
    return this.protocol.endpoint;
  }

  /**
   * The provider's batch input for these requests, for users who submit batches themselves: one
   * entry per request (an OpenAI JSONL line's object: write `JSON.stringify(entry)` per line).
   */
  build<const M extends ResponseModel>(requests: ReadonlyArray<BatchRequest<M, Msg>>): object[] {
    const entries = createEntries(this.ctx, requests, 0);
    return [...entries.values()].map(({ customId, run }) => this.protocol.entry(customId, run.begin(false)));
  }

  /** Submits the requests as one batch; read the outcomes with `job.results()`. */
  async submit<const M extends ResponseModel>(
    requests: ReadonlyArray<BatchRequest<M, Msg>>,
    options: BatchRunOptions = {},
  ): Promise<BatchJob<ToolCallOf<M>>> {
    const entries = createEntries(this.ctx, requests, options.maxRetries);
    const state = await submitEntries(this.protocol, entries.values(), options);
    return new BatchJob(this.protocol, this.ctx.adapter, entries, state, options);
  }

  /**
   * Takes up a batch submitted earlier (by `submit` in another process, say) from its id and the
   * same requests: poll, collect and re-ask as if it had been submitted here.
   */
  async collect<const M extends ResponseModel>(
    batchId: string,
    requests: ReadonlyArray<BatchRequest<M, Msg>>,
    options: BatchRunOptions = {},
  ): Promise<BatchJob<ToolCallOf<M>>> {
    const entries = createEntries(this.ctx, requests, options.maxRetries);
    for (const { run } of entries.values()) run.begin(false);
    const state = await this.protocol.retrieve(batchId, options.signal);
    return new BatchJob(this.protocol, this.ctx.adapter, entries, state, options);
  }

  /** Submits, waits, collects and re-asks: every request's outcome, in the order of `requests`. */
  async run<const M extends ResponseModel>(
    requests: ReadonlyArray<BatchRequest<M, Msg>>,
    options: BatchRunOptions = {},
  ): Promise<Array<BatchOutcome<ToolCallOf<M>>>> {
    const job = await this.submit(requests, options);
    const byId = new Map<string, BatchOutcome<ToolCallOf<M>>>();
    const strays: Array<BatchOutcome<ToolCallOf<M>>> = [];
    for await (const outcome of job.results()) {
      if (!outcome.ok && (outcome.customId === '' || byId.has(outcome.customId))) strays.push(outcome);
      else byId.set(outcome.customId, outcome);
    }
    const known = new Set(requests.map((r) => r.customId));
    for (const [customId, outcome] of byId) if (!known.has(customId)) strays.push(outcome);
    return [...requests.map((r) => byId.get(r.customId)!), ...strays];
  }

  /**
   * Judges a results file of a batch the user ran themselves (e.g. `fs.createReadStream(path)`),
   * line by line, in bounded memory. With `requests`, each line gets its own request's tools and
   * missing lines are reported at the end; with one `responseModel`, every line uses it.
   */
  async *readResults<const M extends ResponseModel>(
    source: ResultsSource,
    options: ReadResultsOptions<M, Msg>,
  ): AsyncGenerator<BatchOutcome<ToolCallOf<M>>> {
    const pending = this.pendingOf(options);
    const counter = new OutcomeCounter(options.requests?.length ?? 0, options.onProgress);
    for await (const verdict of judgeResults(
      this.ctx.adapter,
      this.protocol,
      source,
      pending,
      options.maxLineLength,
    )) {
      // maxRetries is 0 here: a reply with bad calls is final, never a re-ask.
      if (!('outcome' in verdict)) continue;
      counter.add(verdict.outcome, 1, '');
      yield verdict.outcome as BatchOutcome<ToolCallOf<M>>;
    }
    for (const customId of pending.left()) {
      const error = new BatchRequestError(
        'batch_result_missing',
        `The results hold no line for ${JSON.stringify(customId)}: re-submit this request.`,
        { customId },
      );
      counter.add({ customId, ok: false, error }, 1, '');
      yield { customId, ok: false, error };
    }
  }

  private pendingOf(options: ReadResultsOptions<any, Msg>): PendingEntries<Msg> & { left(): string[] } {
    if (options.requests) {
      const entries = createEntries(this.ctx, options.requests, 0, { submitted: true });
      for (const { run } of entries.values()) run.begin(false);
      return {
        take: (customId) => {
          const entry = entries.get(customId);
          entries.delete(customId);
          return entry;
        },
        left: () => [...entries.keys()],
      };
    }
    // One set of tools for every line: an entry per line, made when its line arrives, kept by no one.
    const registry = new ToolRegistry(options.responseModel);
    const template = { responseModel: options.responseModel, validationContext: options.validationContext };
    return {
      take: (customId): BatchEntry<Msg> => {
        const entry = createEntry(this.ctx, { ...template, customId, messages: [] }, 0, {
          registry,
          submitted: true,
        });
        entry.run.begin(false);
        return entry;
      },
      left: () => [],
    };
  }
}
