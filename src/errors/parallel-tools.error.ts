import type { ParallelToolsErrorCode } from './error-codes';

/**
 * The root of every error this library throws. Catch it to handle all of them at once; read
 * `code` (stable across versions) to tell them apart.
 *
 * @example
 * try { await extractor.extract(request); }
 * catch (error) { if (error instanceof ParallelToolsError) log(error.code, error.message); }
 */
export class ParallelToolsError extends Error {
  /** A stable, machine-readable identifier of the problem. */
  readonly code: ParallelToolsErrorCode;

  constructor(code: ParallelToolsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
