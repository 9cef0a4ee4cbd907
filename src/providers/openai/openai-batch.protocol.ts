import OpenAI, { toFile } from 'openai';
import type { BatchProtocol, BatchResultLine, BatchState, ResultsSource } from '../../batch/batch-protocol';

/** The OpenAI Batch API endpoints parallel-tools builds lines for. */
export type OpenAIBatchEndpoint = '/v1/chat/completions' | '/v1/responses';

type Batch = OpenAI.Batches.Batch;

const RUNNING = new Set(['validating', 'in_progress', 'finalizing', 'cancelling']);

/**
 * The OpenAI Batch API: JSONL lines `{ custom_id, method: 'POST', url, body }` uploaded with
 * `files.create({ purpose: 'batch' })`, run by `batches.create`, polled by `batches.retrieve`; the
 * results are the output file's lines `{ custom_id, response: { status_code, body }, error }`,
 * then the error file's (expired, cancelled and rejected requests).
 */
export class OpenAIBatchProtocol implements BatchProtocol<Record<string, unknown>> {
  readonly provider = 'openai';

  constructor(
    private readonly client: OpenAI,
    readonly endpoint: OpenAIBatchEndpoint = '/v1/chat/completions',
  ) {}

  entry(customId: string, body: Record<string, unknown>): object {
    return { custom_id: customId, method: 'POST', url: this.endpoint, body };
  }

  async submit(
    entries: object[],
    options: { signal?: AbortSignal; metadata?: Record<string, string> },
  ): Promise<BatchState> {
    const text = Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const file = await toFile(text, 'parallel-tools-batch.jsonl', { type: 'application/jsonl' });
    const uploaded = await this.client.files.create({ file, purpose: 'batch' }, { signal: options.signal });
    const batch = await this.client.batches.create(
      {
        input_file_id: uploaded.id,
        endpoint: this.endpoint,
        completion_window: '24h',
        ...(options.metadata ? { metadata: options.metadata } : {}),
      },
      { signal: options.signal },
    );
    return toState(batch);
  }

  async retrieve(id: string, signal?: AbortSignal): Promise<BatchState> {
    return toState(await this.client.batches.retrieve(id, { signal }));
  }

  async cancel(id: string, signal?: AbortSignal): Promise<BatchState> {
    return toState(await this.client.batches.cancel(id, { signal }));
  }

  async *results(state: BatchState, signal?: AbortSignal): AsyncGenerator<ResultsSource> {
    const batch = state.raw as Batch;
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      const response = await this.client.files.content(fileId, { signal });
      // The body streams: a results file of any size is read a chunk at a time.
      yield (
        response.body ??
        (async function* () {
          yield await response.text();
        })()
      );
    }
  }

  readLine(value: unknown): BatchResultLine | undefined {
    if (!isRecord(value) || typeof value.custom_id !== 'string') return undefined;
    const customId = value.custom_id;
    const { response, error } = value;
    if (isRecord(response) && typeof response.status_code === 'number') {
      const status = response.status_code;
      if (status >= 200 && status < 300) return { customId, response: response.body };
      const said =
        isRecord(response.body) && isRecord(response.body.error) ? response.body.error.message : undefined;
      const message = `OpenAI answered request ${JSON.stringify(customId)} with HTTP ${status}${typeof said === 'string' ? `: ${said}` : ''}.`;
      return { customId, error: { code: 'batch_request_failed', status, body: response.body, message } };
    }
    if (!isRecord(error)) return undefined;
    const code =
      error.code === 'batch_expired' || error.code === 'batch_cancelled'
        ? error.code
        : 'batch_request_failed';
    const text = typeof error.message === 'string' ? error.message : String(error.code ?? 'no message');
    return {
      customId,
      error: { code, body: error, message: `Request ${JSON.stringify(customId)}: ${text}` },
    };
  }
}

function toState(batch: Batch): BatchState {
  const counts = batch.request_counts ?? { completed: 0, failed: 0, total: 0 };
  const status = RUNNING.has(batch.status) ? 'running' : (batch.status as BatchState['status']);
  const detail = batch.errors?.data?.map((e) => `${e.code ?? 'error'}: ${e.message ?? ''}`).join('; ');
  return {
    id: batch.id,
    status,
    counts: { done: counts.completed, failed: counts.failed, total: counts.total },
    ...(detail ? { detail } : {}),
    raw: batch,
  };
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
