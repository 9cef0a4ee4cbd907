import type { RawCall } from './call.validator';
import { JsonCompletionScanner } from './json-completion.scanner';

/** One streamed piece of a call, as a provider sends it under its call key. */
export interface CallFragment {
  /** The provider's call id; a new id on a key that holds a call starts another call. */
  id?: string;
  /** The tool name, usually on a call's first fragment (split names are joined until arguments start). */
  name?: string;
  /** A fragment of the arguments' JSON text, or a whole value some servers send as an object. */
  arguments?: unknown;
}

/** A call as the stream has built it so far, for the provider's assembled reply. */
export interface AssembledCall<K> {
  readonly key: K;
  readonly id?: string;
  readonly name: string;
  /** The arguments' text exactly as it arrived (what a re-ask echoes). */
  readonly arguments: string;
  /** Whether the call has been handed out as complete. */
  readonly complete: boolean;
}

interface OpenCall<K> {
  key: K;
  id?: string;
  name: string;
  arguments: string;
  /** Where the call began among the reply's calls: its index, whenever it completes. */
  position: number;
  complete: boolean;
  scanner: JsonCompletionScanner;
  /** A name that arrived on this key after the call completed: the next call's. */
  nextName?: string;
}

/**
 * Assembles calls whose arguments stream as JSON text fragments (OpenAI chat, the Responses API,
 * Anthropic), keyed in a `Map` by the provider's call key (a chat index, an output index, a content
 * block index): fragments of several calls may interleave. A call is complete as soon as its
 * arguments' JSON object closes, or at its provider's end marker (`end`, `endAll`), whichever
 * comes first; each call is handed out once, with its index in the order the calls began. `push`, `end` and `endAll` return the calls that
 * became complete.
 */
export class JsonFragmentAssembler<K = number> {
  private readonly open = new Map<K, OpenCall<K>>();
  private readonly order: OpenCall<K>[] = [];

  /** Adds a fragment to the call at `key` (starting one when there is none). */
  push(key: K, fragment: CallFragment): RawCall[] {
    const done: RawCall[] = [];
    let call = this.open.get(key);
    const text = argumentText(fragment.arguments, !call || call.complete || call.arguments === '');
    if (call && fragment.id && call.id && fragment.id !== call.id) {
      done.push(...this.complete(call));
      call = undefined;
    } else if (call?.complete) {
      // After a call closed, only a name or new argument text on its key begins another one:
      // whitespace or a repeated name is the same call, never an invented one.
      if (fragment.name) call.nextName = fragment.name;
      if (text === undefined || text.trim() === '') return done;
      const earlierName = fragment.name ? '' : (call.nextName ?? '');
      call = this.begin(key);
      call.name = earlierName;
    }
    call ??= this.begin(key);
    if (fragment.id && !call.id) call.id = fragment.id;
    // A name split over fragments is joined; once arguments flow, a name repeated on every
    // fragment (as some compatible servers send it) is the same call's.
    if (typeof fragment.name === 'string' && call.arguments === '') call.name += fragment.name;
    if (text !== undefined) {
      call.arguments += text;
      if (call.scanner.push(text)) done.push(...this.complete(call));
    }
    return done;
  }

  /** The provider's end marker for the call at `key`: complete as it stands. */
  end(key: K): RawCall[] {
    const call = this.open.get(key);
    return call ? this.complete(call) : [];
  }

  /** The reply finished: every call not yet complete is complete as it stands, in order. */
  endAll(): RawCall[] {
    return this.order.flatMap((call) => this.complete(call));
  }

  /** Every call in the order it began, for the provider's assembled reply. */
  get calls(): ReadonlyArray<AssembledCall<K>> {
    return this.order;
  }

  private begin(key: K): OpenCall<K> {
    const call: OpenCall<K> = {
      key,
      name: '',
      arguments: '',
      position: this.order.length,
      complete: false,
      scanner: new JsonCompletionScanner(),
    };
    this.open.set(key, call);
    this.order.push(call);
    return call;
  }

  private complete(call: OpenCall<K>): RawCall[] {
    if (call.complete) return [];
    call.complete = true;
    return [{ index: call.position, id: call.id, name: call.name, arguments: call.arguments }];
  }
}

/** Arguments sent as an object (an OpenAI-compatible quirk) count only as a call's whole text. */
function argumentText(value: unknown, first: boolean): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && first) return JSON.stringify(value);
  return undefined;
}
