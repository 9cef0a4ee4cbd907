/**
 * `@google-cloud/vertexai` takes no abort signal (only a timeout), so cancellation is done from
 * the outside: the caller gets the signal's reason at once; the SDK's request is left to finish on
 * its own and its outcome is ignored.
 */
export async function abortable<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return start();
  signal.throwIfAborted();
  const pending = start();
  pending.catch(() => undefined); // Settles after an abort with nobody listening.
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([pending, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** An iterable whose every step gives up with the signal's reason once it is aborted. */
export async function* abortableIterable<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await abortable(() => iterator.next(), signal);
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // Releases the SDK's reader when the caller stops early; not awaited, it may still be reading.
    iterator.return?.().catch(() => undefined);
  }
}
