import type { CallOutcome } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';

interface Slot {
  /** The call's index in the reply of the attempt that filled the slot. */
  index: number;
  instance?: object;
  failure?: CallFailure;
}

/**
 * The calls of an extraction across attempts, in the model's first order. Within an attempt a
 * call takes its place by its index, whenever it completes (streamed calls may complete out of
 * order); a re-ask's calls take the places of the failed calls, first come first; a repeat of an
 * accepted call is dropped.
 */
export class ResultSlots {
  private readonly slots: Slot[] = [];
  private readonly acceptedKeys = new Set<string>();
  private open: number[] = [];
  /** Where the slots appended by the current attempt begin. */
  private appendedFrom = 0;

  /** Starts a new attempt: the calls still failed are the places its calls may take. */
  beginAttempt(): void {
    this.open = this.slots.flatMap((s, i) => (s.failure ? [i] : []));
    this.appendedFrom = this.slots.length;
  }

  /** Records one call; returns true when it is a newly accepted instance (to yield in a stream). */
  add(outcome: CallOutcome): boolean {
    if (outcome.ok && this.acceptedKeys.has(outcome.key)) return false;
    const index = outcome.call.index;
    const slot: Slot = outcome.ok
      ? { index, instance: outcome.instance }
      : { index, failure: outcome.failure };
    const place = this.open.shift();
    if (place !== undefined) this.slots[place] = slot;
    else {
      let at = this.slots.length;
      while (at > this.appendedFrom && this.slots[at - 1].index > index) at--;
      this.slots.splice(at, 0, slot);
    }
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
}
