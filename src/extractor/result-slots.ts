import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from '../calls/argument-limits';
import { AcceptedCalls } from '../calls/accepted-calls';
import { withRoom } from '../calls/array-room';
import type { CallOutcome, RawCall } from '../calls/call.validator';
import type { CallFailure } from '../errors/extraction.error';

/**
 * The calls of an extraction across attempts, in the model's first order. Within an attempt a
 * call takes its place by its index, whenever it completes (streamed calls may complete out of
 * order); a re-ask's calls take the places of the failed calls, first come first; a repeat of an
 * accepted call is dropped.
 */
export class ResultSlots {
  /**
   * One call per place, in `calls[0..count)`, and beside it its instance or, for a place in
   * {@link failed}, its failure: parallel lists, so a valid call costs two slots and no outcome
   * object. Sized ahead by {@link reserve}: a growing array on a reply of thousands of calls is
   * garbage several times its size.
   */
  private calls: RawCall[] = [];
  private values: Array<object | CallFailure> = [];
  /** The places whose value is a failure. */
  private readonly failed = new Set<number>();
  private count = 0;
  private readonly accepted: AcceptedCalls;
  private open: number[] = [];
  private nextOpen = 0;
  /** Where the places appended by the current attempt begin. */
  private appendedFrom = 0;

  /** `limits`: those the calls were parsed under, to compare two calls whose hashes match. */
  constructor(limits: ArgumentLimits = DEFAULT_ARGUMENT_LIMITS) {
    this.accepted = new AcceptedCalls(limits);
  }

  /** Starts a new attempt: the calls still failed are the places its calls may take. */
  beginAttempt(): void {
    this.open = [...this.failed].sort((a, b) => a - b);
    this.nextOpen = 0;
    this.appendedFrom = this.count;
  }

  /** Makes room for `calls` more calls at once (a whole reply's), instead of growing per call. */
  reserve(calls: number): void {
    this.calls = withRoom(this.calls, this.count, this.count + calls);
    this.values = withRoom(this.values, this.count, this.count + calls);
    this.accepted.reserve(calls);
  }

  /** Records one call's outcome; returns true when it is a newly accepted instance. */
  add(outcome: CallOutcome): boolean {
    return outcome.ok
      ? this.addValid(outcome.call, outcome.instance, outcome.key)
      : (this.place(outcome.call, outcome.failure, false), false);
  }

  /**
   * Records a valid call ({@link callHash} `key`); returns true when it is newly accepted (to
   * yield in a stream), false for a repeat of an accepted call, which is dropped.
   */
  addValid(call: RawCall, instance: object, key: number): boolean {
    if (this.accepted.has(key, call)) return false;
    this.place(call, instance, true);
    this.accepted.add(key, call);
    return true;
  }

  /** Records a call that failed. */
  addFailed(call: RawCall, failure: CallFailure): void {
    this.place(call, failure, false);
  }

  private place(call: RawCall, value: object | CallFailure, ok: boolean): void {
    let at: number;
    if (this.nextOpen < this.open.length) at = this.open[this.nextOpen++];
    else {
      // Calls mostly complete in order: an append; a streamed call that completes early moves
      // the later ones of its attempt up by one.
      const { calls, values } = this;
      const index = call.index;
      at = this.count;
      while (at > this.appendedFrom && calls[at - 1].index > index) at--;
      for (let i = this.count; i > at; i--) {
        calls[i] = calls[i - 1];
        values[i] = values[i - 1];
        if (this.failed.delete(i - 1)) this.failed.add(i);
      }
      this.count++;
    }
    this.calls[at] = call;
    this.values[at] = value;
    if (ok) this.failed.delete(at);
    else this.failed.add(at);
  }

  /** The accepted instances, in order. */
  get instances(): object[] {
    const { values, failed } = this;
    const out: object[] = new Array(this.count - failed.size);
    for (let i = 0, j = 0; i < this.count; i++) if (failed.size === 0 || !failed.has(i)) out[j++] = values[i];
    return out;
  }

  /**
   * {@link instances} for the final result, without a copy when every place holds one: the
   * slots' own list is handed over, so they must not be used after.
   */
  takeInstances(): object[] {
    if (this.failed.size > 0) return this.instances;
    const out = this.values as object[];
    out.length = this.count;
    this.values = [];
    this.calls = [];
    this.count = 0;
    return out;
  }

  /** The calls still failed, in order. */
  get failures(): CallFailure[] {
    const out: CallFailure[] = [];
    for (let i = 0; i < this.count; i++) if (this.failed.has(i)) out.push(this.values[i] as CallFailure);
    return out;
  }

  get size(): number {
    return this.count;
  }
}
