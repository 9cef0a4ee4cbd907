import type { BatchRequestError } from '../errors/batch-request.error';
import type { ExtractionError } from '../errors/extraction.error';
import type { ChatMessage, ExtractionResult, ResponseModel } from '../extractor/extractor.types';

/**
 * One extraction of a batch: what `Extractor.extract` takes, under an id of its own. The
 * messages are neutral (`messages`) or already in the provider's own form (`nativeMessages`).
 */
export type BatchRequest<M extends ResponseModel = ResponseModel, Msg = never> = {
  /** Unique within the batch; each outcome carries it back. */
  customId: string;
  responseModel: M;
  /** The model name; the client's default when left out. Batch engines require one. */
  model?: string;
  /** Passed to the provider's request as is (temperature, max tokens, …). */
  providerOptions?: Record<string, unknown>;
  /** Reaches custom class-validator validators through `getValidationContext()`. */
  validationContext?: unknown;
} & ({ messages: ChatMessage[]; nativeMessages?: never } | { nativeMessages: Msg[]; messages?: never });

/** The fate of one request: its validated instances, or the typed error that says why not. */
export type BatchOutcome<T = object> =
  | ({ customId: string; ok: true } & ExtractionResult<T>)
  | {
      customId: string;
      ok: false;
      /**
       * An {@link ExtractionError} when the model's reply could not be fully used (the valid
       * calls are in `error.results`), a {@link BatchRequestError} when the batch engine gave no
       * reply to judge (expired, cancelled, an HTTP error line, an unreadable or missing line).
       */
      error: ExtractionError<T> | BatchRequestError;
    };

/** Counts reported while a batch runs (the provider's counts) and while its results are judged. */
export interface BatchProgress {
  /** `running`: the provider's own counts of the current batch; `collecting`: outcomes judged so far, of all requests. */
  phase: 'running' | 'collecting';
  /** 1 for the first batch, 2 for the first follow-up batch of re-asks, … */
  round: number;
  /** The provider's id of the current batch. */
  batchId: string;
  done: number;
  failed: number;
  total: number;
}

/** Options of a batch run: submit, poll, collect, re-ask. */
export interface BatchRunOptions {
  /**
   * Follow-up batches for the requests whose replies had bad calls: each one is re-asked (its
   * conversation continued, exactly as a single extraction re-asks) up to this many times.
   * Overrides the client's `maxRetries`. 0 means none.
   */
  maxRetries?: number;
  /**
   * How the re-asks are sent: `batch` (default) in follow-up batches, at batch prices and pace;
   * `direct` as ordinary requests, one request at a time, once the batch is collected.
   */
  reask?: 'batch' | 'direct';
  /** Stops submitting and waiting (the batch itself keeps running: cancel it with `job.cancel()`). */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Milliseconds between two status polls. Default 30,000 (batches take minutes to hours). */
  pollIntervalMs?: number;
  /** Provider metadata attached to each batch (OpenAI `metadata`). */
  metadata?: Record<string, string>;
  /** Longest results line read, in characters; a longer one is a `batch_result_unreadable` outcome. Default 32 Mi. */
  maxLineLength?: number;
}

/** Options of `readResults` for a results file the user got from the provider themselves. */
export type ReadResultsOptions<M extends ResponseModel = ResponseModel, Msg = unknown> = {
  /** Longest results line read, in characters (default 32 Mi). */
  maxLineLength?: number;
  onProgress?: (progress: BatchProgress) => void;
} & (
  | {
      /** The batch's requests: each line is judged with its request's tools, missing and unknown lines are reported. */
      requests: ReadonlyArray<BatchRequest<M, Msg>>;
      responseModel?: never;
    }
  | {
      /** One set of tools for every line (no per-request state: any number of lines in bounded memory). */
      responseModel: M;
      validationContext?: unknown;
      requests?: never;
    }
);
