/** What {@link drain} read from a stream. */
export interface Drained<T> {
  items: T[];
  /** The error that ended the stream early, if any. */
  error?: unknown;
}

/** Reads an async iterable to its end or its first error, keeping what arrived before the error. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<Drained<T>> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items };
  } catch (error) {
    return { items, error };
  }
}
