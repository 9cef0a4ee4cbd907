/**
 * The root of every error this library throws. Catch it to handle all of them at once; read
 * `code` (stable across versions) to tell them apart.
 */
export class ParallelToolsError extends Error {
  /** A stable, machine-readable identifier of the problem. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
