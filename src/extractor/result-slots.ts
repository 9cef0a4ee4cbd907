import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from '../calls/argument-limits';
import { AcceptedCalls } from '../calls/accepted-calls';
import type { CallOutcome } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';

/**
 * The calls of an extraction across attempts, in the model's first order. Within an attempt a
 * call takes its place by its index, whenever it completes (streamed calls may complete out of
 * order); a re-ask's calls take the places of the failed calls, first come first; a repeat of an
 * accepted call is dropped.
 */
export class ResultSlots {
  /** One outcome per place; its call's index is where it stands in its attempt's reply. */
  private readonly slots: CallOutcome[] = [];
  private readonly accepted: AcceptedCalls;
  private open: number[] = [];
  private nextOpen = 0;
  /** Where the slots appended by the current attempt begin. */
  private appendedFrom = 0;

  /** `limits`: those the calls were parsed under, to compare two calls whose hashes match. */
  constructor(limits: ArgumentLimits = DEFAULT_ARGUMENT_LIMITS) {
    this.accepted = new AcceptedCalls(limits);
  }

  /** Starts a new attempt: the calls still failed are the places its calls may take. */
  beginAttempt(): void {
    const open: number[] = [];
    for (let i = 0; i < this.slots.length; i++) if (!this.slots[i].ok) open.push(i);
    this.open = open;
    this.nextOpen = 0;
    this.appendedFrom = this.slots.length;
  }

  /** Records one call; returns true when it is a newly accepted instance (to yield in a stream). */
  add(outcome: CallOutcome): boolean {
    if (outcome.ok && this.accepted.has(outcome.key, outcome.call)) return false;
    const index = outcome.call.index;
    if (this.nextOpen < this.open.length) this.slots[this.open[this.nextOpen++]] = outcome;
    else {
      let at = this.slots.length;
      while (at > this.appendedFrom && this.slots[at - 1].call.index > index) at--;
      // Calls mostly complete in order: a push, not a splice (which allocates its removed list).
      if (at === this.slots.length) this.slots.push(outcome);
      else this.slots.splice(at, 0, outcome);
    }
    if (outcome.ok) this.accepted.add(outcome.key, outcome.call);
    return outcome.ok;
  }

  /** The accepted instances, in order. */
  get instances(): object[] {
    const out: object[] = [];
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (slot.ok) out.push(slot.instance);
    }
    return out;
  }

  /** The calls still failed, in order. */
  get failures(): CallFailure[] {
    const out: CallFailure[] = [];
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (!slot.ok) out.push(slot.failure);
    }
    return out;
  }

  get size(): number {
    return this.slots.length;
  }
}
