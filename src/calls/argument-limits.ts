/**
 * Bounds on what a model may send as one call's arguments. Model output is untrusted: these keep
 * parsing and validation within bounded time and memory.
 */
export interface ArgumentLimits {
  /** Largest arguments accepted, in UTF-8 bytes. Default 1 MiB. */
  maxArgumentsBytes: number;
  /** Deepest nesting of objects and arrays accepted. Default 64. */
  maxDepth: number;
}

/** The defaults of {@link ArgumentLimits}. */
export const DEFAULT_ARGUMENT_LIMITS: Readonly<ArgumentLimits> = Object.freeze({
  maxArgumentsBytes: 1024 * 1024,
  maxDepth: 64,
});
