import type Anthropic from '@anthropic-ai/sdk';
import type { BatchProtocol, BatchResultLine, BatchState, ResultsSource } from '../../batch/batch-protocol';
import { ParallelToolsError } from '../../errors/parallel-tools.error';

type MessageBatch = Anthropic.Messages.Batches.MessageBatch;

/** What the Message Batches API accepts as a `custom_id`. */
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** The HTTP status each Anthropic error type stands for, for an `errored` result (which has none). */
const STATUS_OF_ERROR: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * The Anthropic Message Batches API: requests `{ custom_id, params }` (params: the Messages body
 * a single `messages.create` sends) sent by `messages.batches.create`, polled by `retrieve`; the
 * results are the `results_url` JSONL lines `{ custom_id, result: { type, message | error } }`,
 * read raw so that one broken line is that request's outcome, not the end of the reading.
 */
export class AnthropicBatchProtocol implements BatchProtocol<Record<string, unknown>> {
  readonly provider = 'anthropic';
  readonly endpoint = '/v1/messages';

  constructor(private readonly client: Anthropic) {}

  entry(customId: string, body: Record<string, unknown>): object {
    if (!CUSTOM_ID.test(customId)) {
      throw new ParallelToolsError(
        'invalid_options',
        `Anthropic Message Batches take custom_ids of 1 to 64 letters, digits, "_" or "-"; got ${JSON.stringify(customId)}. ` +
          'Give the request such a customId (e.g. "doc-42"), and map it to your own key.',
      );
    }
    return { custom_id: customId, params: body };
  }

  async submit(entries: object[], options: { signal?: AbortSignal }): Promise<BatchState> {
    // Message Batches take no metadata: it is not sent.
    const requests = entries as Anthropic.Messages.Batches.BatchCreateParams['requests'];
    return toState(await this.client.messages.batches.create({ requests }, { signal: options.signal }));
  }

  async retrieve(id: string, signal?: AbortSignal): Promise<BatchState> {
    return toState(await this.client.messages.batches.retrieve(id, {}, { signal }));
  }

  async cancel(id: string, signal?: AbortSignal): Promise<BatchState> {
    return toState(await this.client.messages.batches.cancel(id, {}, { signal }));
  }

  async *results(state: BatchState, signal?: AbortSignal): AsyncGenerator<ResultsSource> {
    const url = (state.raw as MessageBatch).results_url;
    if (!url) return;
    // The SDK's own `batches.results` decodes every line and throws on the first broken one: the
    // raw body goes to the bounded line reader instead, a chunk at a time.
    const response = await this.client.get<Response>(url, {
      headers: { Accept: 'application/binary' },
      __binaryResponse: true,
      signal,
    });
    yield (
      response.body ??
      (async function* () {
        yield await response.text();
      })()
    );
  }

  readLine(value: unknown): BatchResultLine | undefined {
    if (!isRecord(value) || typeof value.custom_id !== 'string' || !isRecord(value.result)) return undefined;
    const customId = value.custom_id;
    const result = value.result;
    const named = JSON.stringify(customId);
    switch (result.type) {
      case 'succeeded':
        return isRecord(result.message) ? { customId, response: result.message } : undefined;
      case 'errored': {
        // `error` is an error response `{ type: 'error', error: { type, message } }`.
        const inner = isRecord(result.error) && isRecord(result.error.error) ? result.error.error : undefined;
        const type = typeof inner?.type === 'string' ? inner.type : undefined;
        const said = typeof inner?.message === 'string' ? `: ${inner.message}` : '';
        return {
          customId,
          error: {
            code: 'batch_request_failed',
            message: `Anthropic answered request ${named} with ${type ?? 'an error'}${said}.`,
            ...(type && STATUS_OF_ERROR[type] ? { status: STATUS_OF_ERROR[type] } : {}),
            body: result.error,
          },
        };
      }
      case 'canceled':
        return {
          customId,
          error: { code: 'batch_cancelled', message: `Request ${named} was canceled.`, body: result },
        };
      case 'expired':
        return {
          customId,
          error: { code: 'batch_expired', message: `Request ${named} expired.`, body: result },
        };
      default:
        return undefined;
    }
  }
}

function toState(batch: MessageBatch): BatchState {
  const c = batch.request_counts;
  const total = c.processing + c.succeeded + c.errored + c.canceled + c.expired;
  const status: BatchState['status'] =
    batch.processing_status !== 'ended' ? 'running' : batch.cancel_initiated_at ? 'cancelled' : 'completed';
  return {
    id: batch.id,
    status,
    counts: { done: c.succeeded, failed: c.errored + c.canceled + c.expired, total },
    raw: batch,
  };
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
