import { ExtractionError } from '../errors/extraction.error';

/**
 * The error an adapter throws when a stream breaks after it started (cut connection, malformed
 * chunk). The extraction loop completes it with the calls already accepted.
 */
export function streamInterrupted(cause: unknown): ExtractionError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ExtractionError(
    'stream_interrupted',
    `The stream broke before the reply was complete: ${reason}`,
    {
      attempts: 0,
      cause,
    },
  );
}
