import type { SseItem } from 'parallel-tools/testing';

/** The position of a stream's first `response.output_item.done` event. */
export function firstItemDone(events: readonly object[]): number {
  const at = events.findIndex((e) => (e as { type?: unknown }).type === 'response.output_item.done');
  if (at < 0) throw new Error('the stream has no response.output_item.done event');
  return at;
}

/** The events with a gate after `index`: the server holds the rest until `gate` settles. */
export function gatedAfter(events: readonly object[], index: number, gate: Promise<unknown>): SseItem[] {
  return [...events.slice(0, index + 1), { gate }, ...events.slice(index + 1)];
}

/**
 * A stream held after `index` until `release()` (or a 3 s safety timer, which only a library that
 * waited for the whole reply would need); `state.held` tells whether the rest was still held back.
 */
export function holdAfter(events: readonly object[], index: number) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { held: true };
  const release = () => {
    state.held = false;
    open();
  };
  const safety = setTimeout(release, 3000);
  return { sse: gatedAfter(events, index, gate), state, release, done: () => clearTimeout(safety) };
}
