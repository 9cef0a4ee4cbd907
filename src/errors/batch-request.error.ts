import { ParallelToolsError } from './parallel-tools.error';

/**
 * Stable codes of {@link BatchRequestError}: what the batch engine (not the model) did to one
 * request of a batch.
 * - `batch_request_failed`: the provider answered the line with an HTTP error status or an error
 *   object (`status` and `body` say which);
 * - `batch_expired`: the batch's completion window ended before the request ran;
 * - `batch_cancelled`: the batch was cancelled before the request ran;
 * - `batch_failed`: the provider rejected the whole batch (e.g. its input file did not validate);
 * - `batch_result_unreadable`: the request's results line was not JSON, had no readable shape, or
 *   was longer than the line limit;
 * - `batch_result_missing`: the results held no line for the request;
 * - `batch_result_unexpected`: a results line for a customId that was not (or no longer) pending:
 *   unknown to this batch, or a repeat.
 */
export type BatchRequestErrorCode =
  | 'batch_request_failed'
  | 'batch_expired'
  | 'batch_cancelled'
  | 'batch_failed'
  | 'batch_result_unreadable'
  | 'batch_result_missing'
  | 'batch_result_unexpected';

/**
 * One request of a batch that got no model reply to judge. The other requests are not affected:
 * each has its own outcome.
 *
 * @example
 * for await (const outcome of job.results()) {
 *   if (!outcome.ok && outcome.error instanceof BatchRequestError && outcome.error.code === 'batch_expired') retry.push(outcome.customId);
 * }
 */
export class BatchRequestError extends ParallelToolsError {
  declare readonly code: BatchRequestErrorCode;
  /** The request's id in the batch. */
  readonly customId: string;
  /** The HTTP status of the line, when the provider gave one. */
  readonly status?: number;
  /** The provider's error body or line, as it came (bounded: an unreadable line is cut to 1 KiB). */
  readonly body?: unknown;
  /** The 1-based line of the results where it was found, when it came from a line. */
  readonly line?: number;

  constructor(
    code: BatchRequestErrorCode,
    message: string,
    details: { customId: string; status?: number; body?: unknown; line?: number; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause });
    this.customId = details.customId;
    this.status = details.status;
    this.body = details.body;
    this.line = details.line;
  }
}
