/** Where a provider's batch is, in provider-neutral terms. */
export type BatchStatus = 'running' | 'completed' | 'expired' | 'cancelled' | 'failed';

/** A provider's batch as last seen. */
export interface BatchState {
  id: string;
  status: BatchStatus;
  /** The provider's request counts. */
  counts: { done: number; failed: number; total: number };
  /** Why the batch failed, when it did. */
  detail?: string;
  /** The provider's own batch object. */
  raw: unknown;
}

/** What one results line says about its request, in provider-neutral terms. */
export type BatchResultLine =
  | { customId: string; response: unknown }
  | {
      customId: string;
      error: {
        code: 'batch_request_failed' | 'batch_expired' | 'batch_cancelled';
        message: string;
        status?: number;
        body?: unknown;
      };
    };

/** Raw results text, chunk by chunk: a Node stream, a web `ReadableStream`, an SDK body. */
export type ResultsSource = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/**
 * One provider's batch engine: the line format in, the result line format out, and the SDK calls
 * to submit, poll, cancel and read the results. Knows nothing of tools or validation: request
 * bodies come built by the provider's adapter, result bodies go back to it.
 */
export interface BatchProtocol<Body = unknown> {
  readonly provider: string;
  /** The API each request of the batch goes to (OpenAI `/v1/chat/completions`, …). */
  readonly endpoint: string;
  /** The batch input entry of one request body (a JSONL line's object, an Anthropic `{ custom_id, params }`). */
  entry(customId: string, body: Body): object;
  /** Submits the entries as one batch; SDK errors pass through. */
  submit(
    entries: object[],
    options: { signal?: AbortSignal; metadata?: Record<string, string> },
  ): Promise<BatchState>;
  retrieve(id: string, signal?: AbortSignal): Promise<BatchState>;
  cancel(id: string, signal?: AbortSignal): Promise<BatchState>;
  /** Every results source of a finished batch (OpenAI: its output file, then its error file). */
  results(state: BatchState, signal?: AbortSignal): AsyncIterable<ResultsSource>;
  /** Reads one parsed results line; undefined when it does not have the protocol's shape. */
  readLine(value: unknown): BatchResultLine | undefined;
}
