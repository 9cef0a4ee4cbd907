import type { ArgumentLimits } from '../calls/argument-limits';
import { ToolRegistry } from '../calls/tool-registry';
import { ParallelToolsError } from '../errors/parallel-tools.error';
import { ExtractionRun } from '../extractor/extraction.run';
import type { ExtractorHooks } from '../extractor/extractor.hooks';
import type { ProviderAdapter } from '../extractor/provider-adapter';
import type { BatchRequest } from './batch.types';

/** What the batch code takes from the extractor it belongs to. */
export interface BatchContext<Msg = unknown> {
  adapter: ProviderAdapter<unknown, unknown, Msg>;
  hooks: ExtractorHooks;
  limits: ArgumentLimits;
  /** The client's default re-asks. */
  maxRetries?: number;
  /** The client's default model. */
  model?: string;
}

/**
 * One request of a batch across its rounds: an {@link ExtractionRun}, the same state machine a
 * single extraction uses, whose requests a batch engine sends instead of the SDK.
 */
export interface BatchEntry<Msg = unknown> {
  customId: string;
  run: ExtractionRun<Msg>;
}

/** The entries of a batch by customId, each checked (tools, model, a unique id). */
export function createEntries<Msg>(
  ctx: BatchContext<Msg>,
  requests: ReadonlyArray<BatchRequest<any, Msg>>,
  maxRetries: number | undefined,
  reading: { submitted?: boolean } = {},
): Map<string, BatchEntry<Msg>> {
  const entries = new Map<string, BatchEntry<Msg>>();
  for (const [position, request] of requests.entries()) {
    const customId: unknown = request?.customId;
    if (typeof customId !== 'string' || customId === '') {
      throw new ParallelToolsError(
        'invalid_options',
        `Batch request #${position} has no customId: give every request a unique, non-empty customId string.`,
      );
    }
    if (entries.has(customId)) {
      throw new ParallelToolsError(
        'invalid_options',
        `Two batch requests share the customId ${JSON.stringify(customId)}: customIds must be unique within a batch.`,
      );
    }
    entries.set(customId, createEntry(ctx, request, maxRetries, reading));
  }
  return entries;
}

/**
 * One request's entry; its first request body is built by the adapter at `run.begin(false)`.
 * `reading.submitted`: the batch was sent already (by the user), so no model is needed here.
 */
export function createEntry<Msg>(
  ctx: BatchContext<Msg>,
  request: BatchRequest<any, Msg>,
  maxRetries: number | undefined,
  reading: { registry?: ToolRegistry; submitted?: boolean } = {},
): BatchEntry<Msg> {
  const model = request.model ?? ctx.model;
  const options = { ...(model ? { model } : {}), ...request.providerOptions };
  // A batch someone else submitted is only read: its model is in its lines already.
  if (!reading.submitted && (typeof options.model !== 'string' || options.model === '')) {
    throw new ParallelToolsError(
      'invalid_options',
      `Batch request ${JSON.stringify(request.customId)} has no model: batch engines need one on every request. ` +
        "Pass `model` on the request, or the client's `model` option.",
    );
  }
  const messages = request.nativeMessages ?? ctx.adapter.fromChatMessages(request.messages ?? []);
  const run = new ExtractionRun<Msg>({
    adapter: ctx.adapter,
    registry: reading.registry ?? new ToolRegistry(request.responseModel),
    messages: [...messages],
    options,
    maxRetries: maxRetries ?? ctx.maxRetries ?? 0,
    validationContext: request.validationContext,
    hooks: ctx.hooks,
    limits: ctx.limits,
  });
  return { customId: request.customId, run };
}
