import type { ArgumentLimits } from './argument-limits';
import { withRoom } from './array-room';
import { sameCall } from './call-key';
import type { RawCall } from './call.validator';

/**
 * The set of calls accepted so far, to drop a repeat: keyed by {@link callHash}, each match
 * confirmed by {@link sameCall}, so a hash collision never drops a distinct call. An open-address
 * table in typed arrays: a reply of 10,000 calls costs a few bytes per call, not a Map entry and
 * its rehashes.
 */
export class AcceptedCalls {
  /** hash + 1 per slot; 0 is an empty slot. */
  private hashes = new Int32Array(16);
  /** Where each slot's call is in {@link calls}. */
  private refs = new Int32Array(16);
  /** The accepted calls in `calls[0..count)`, sized ahead by {@link reserve}. */
  private calls: RawCall[] = [];
  private count = 0;

  constructor(private readonly limits: ArgumentLimits) {}

  /** Makes room for `more` calls at once, instead of growing the list and the table per call. */
  reserve(more: number): void {
    const needed = this.count + more;
    this.calls = withRoom(this.calls, this.count, needed);
    while (!AcceptedCalls.fits(needed, this.hashes.length)) this.grow();
  }

  /** Whether a call with this hash and the same tool and arguments was added. */
  has(hash: number, call: RawCall): boolean {
    const mask = this.hashes.length - 1;
    for (let i = hash & mask; this.hashes[i] !== 0; i = (i + 1) & mask) {
      if (this.hashes[i] === hash + 1 && sameCall(this.calls[this.refs[i]], call, this.limits)) return true;
    }
    return false;
  }

  /** Adds a call that {@link has} said is new. */
  add(hash: number, call: RawCall): void {
    if (!AcceptedCalls.fits(this.count + 1, this.hashes.length)) this.grow();
    this.calls[this.count] = call;
    this.place(hash + 1, this.count++);
  }

  /**
   * Whether `calls` fit a table of `slots` at a load of at most 3/4: linear probing stays short
   * there, and a reply of 10,000 calls takes a table of 16,384 slots rather than 32,768.
   */
  private static fits(calls: number, slots: number): boolean {
    return calls * 4 <= slots * 3;
  }

  private place(stored: number, ref: number): void {
    const mask = this.hashes.length - 1;
    let i = (stored - 1) & mask;
    while (this.hashes[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = stored;
    this.refs[i] = ref;
  }

  private grow(): void {
    const { hashes, refs } = this;
    this.hashes = new Int32Array(hashes.length * 2);
    this.refs = new Int32Array(hashes.length * 2);
    for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) this.place(hashes[i], refs[i]);
  }
}
