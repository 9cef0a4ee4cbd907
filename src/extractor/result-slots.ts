import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from '../calls/argument-limits';
import { AcceptedCalls } from '../calls/accepted-calls';
import { withRoom } from '../calls/array-room';
import type { CallOutcome } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';

/**
 * The calls of an extraction across attempts, in the model's first order. Within an attempt a
 * call takes its place by its index, whenever it completes (streamed calls may complete out of
 * order); a re-ask's calls take the places of the failed calls, first come first; a repeat of an
 * accepted call is dropped.
 */
export class ResultSlots {
  /**
   * One outcome per place, in `slots[0..count)`; its call's index is where it stands in its
   * attempt's reply. Sized ahead by {@link reserve}: a growing array on a reply of thousands of
   * calls is garbage several times its size.
   */
  private slots: CallOutcome[] = [];
  private count = 0;
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
    for (let i = 0; i < this.count; i++) if (!this.slots[i].ok) open.push(i);
    this.open = open;
    this.nextOpen = 0;
    this.appendedFrom = this.count;
  }

  /** Makes room for `calls` more calls at once (a whole reply's), instead of growing per call. */
  reserve(calls: number): void {
    this.slots = withRoom(this.slots, this.count, this.count + calls);
    this.accepted.reserve(calls);
  }

  /** Records one call; returns true when it is a newly accepted instance (to yield in a stream). */
  add(outcome: CallOutcome): boolean {
    if (outcome.ok && this.accepted.has(outcome.key, outcome.call)) return false;
    const slots = this.slots;
    if (this.nextOpen < this.open.length) slots[this.open[this.nextOpen++]] = outcome;
    else {
      // Calls mostly complete in order: an append; a streamed call that completes early moves
      // the later ones of its attempt up by one.
      const index = outcome.call.index;
      let at = this.count;
      while (at > this.appendedFrom && slots[at - 1].call.index > index) at--;
      for (let i = this.count; i > at; i--) slots[i] = slots[i - 1];
      slots[at] = outcome;
      this.count++;
    }
    if (outcome.ok) this.accepted.add(outcome.key, outcome.call);
    return outcome.ok;
  }

  /** The accepted instances, in order. */
  get instances(): object[] {
    const slots = this.slots;
    let accepted = 0;
    for (let i = 0; i < this.count; i++) if (slots[i].ok) accepted++;
    const out: object[] = new Array(accepted);
    for (let i = 0, j = 0; i < this.count; i++) {
      const slot = slots[i];
      if (slot.ok) out[j++] = slot.instance;
    }
    return out;
  }

  /** The calls still failed, in order. */
  get failures(): CallFailure[] {
    const out: CallFailure[] = [];
    const slots = this.slots;
    for (let i = 0; i < this.count; i++) {
      const slot = slots[i];
      if (!slot.ok) out.push(slot.failure);
    }
    return out;
  }

  get size(): number {
    return this.count;
  }
}
