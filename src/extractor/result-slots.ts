import type { CallOutcome } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';

interface Slot {
  instance?: object;
  failure?: CallFailure;
}

/**
 * The calls of an extraction across attempts, in the model's first order. A re-ask's calls take
 * the places of the failed calls, first come first; a repeat of an accepted call is dropped.
 */
export class ResultSlots {
  private readonly slots: Slot[] = [];
  private readonly acceptedKeys = new Set<string>();
  private open: number[] = [];

  /** Starts a new attempt: the calls still failed are the places its calls may take. */
  beginAttempt(): void {
    this.open = this.failedIndexes();
  }

  /** Records one call; returns true when it is a newly accepted instance (to yield in a stream). */
  add(outcome: CallOutcome): boolean {
    if (outcome.ok && this.acceptedKeys.has(outcome.key)) return false;
    const slot: Slot = outcome.ok ? { instance: outcome.instance } : { failure: outcome.failure };
    const place = this.open.shift();
    if (place === undefined) this.slots.push(slot);
    else this.slots[place] = slot;
    if (outcome.ok) this.acceptedKeys.add(outcome.key);
    return outcome.ok;
  }

  /** The accepted instances, in order. */
  get instances(): object[] {
    return this.slots.filter((s) => s.instance !== undefined).map((s) => s.instance!);
  }

  /** The calls still failed, in order. */
  get failures(): CallFailure[] {
    return this.slots.filter((s) => s.failure !== undefined).map((s) => s.failure!);
  }

  get size(): number {
    return this.slots.length;
  }

  private failedIndexes(): number[] {
    return this.slots.flatMap((s, i) => (s.failure ? [i] : []));
  }
}
