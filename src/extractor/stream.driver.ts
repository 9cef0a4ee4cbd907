import type { RawCall } from '../calls/call.validator';
import type { ProviderAdapter, ProviderTurn } from './provider-adapter';

/**
 * A stream that broke after it opened (a cut connection, a malformed chunk, an error event the
 * SDK raised, or an end before the provider's end marker). Internal to the extractor: the run
 * loop turns it into a `stream_interrupted` ExtractionError with the calls already accepted.
 */
export class StreamBreak extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

/**
 * The one stream loop every provider shares: opens the adapter's stream, feeds each chunk to a
 * fresh assembler, yields each call the moment it is complete, and returns the finished turn.
 * Errors before the first chunk and cancellation pass through as the SDK reports them; any other
 * failure afterwards is a {@link StreamBreak}.
 */
export async function* driveStream<Params, Res>(
  adapter: ProviderAdapter<Params, Res>,
  params: Params,
  signal: AbortSignal | undefined,
): AsyncGenerator<RawCall, ProviderTurn<Res>> {
  const chunks = await adapter.openStream(params, signal);
  const assembler = adapter.createAssembler();
  try {
    for await (const chunk of chunks) {
      if (signal?.aborted) break;
      yield* assembler.push(chunk);
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StreamBreak(error);
  }
  // Some SDKs end an aborted stream quietly; the caller must still learn it was cancelled.
  if (signal?.aborted) throw adapter.abortError ? adapter.abortError(signal) : signal.reason;
  if (!assembler.finished)
    throw new StreamBreak(new Error('the stream ended before the model finished its reply'));
  return adapter.readTurn(assembler.toResponse());
}
