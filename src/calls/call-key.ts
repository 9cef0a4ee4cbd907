import type { ArgumentLimits } from './argument-limits';
import { parseArguments } from './arguments.parser';
import type { RawCall } from './call.validator';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The identity of a call, to spot repeats: its tool name and arguments, with object keys in
 * sorted order so that the same arguments in another order give the same key. Not JSON: every
 * string is length-prefixed, so no escaping is needed and no two different values share a key,
 * and it costs a fraction of `JSON.stringify`.
 */
export function callKey(name: string, args: unknown): string {
  return `${name.length}:${name}${encode(args)}`;
}

function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      return `n${value};`;
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'object':
      if (value === null) return 'z';
      return Array.isArray(value) ? encodeArray(value) : encodeObject(value as Record<string, unknown>);
    default:
      // Not JSON (a function or a bigint from an SDK object): equal by type and text.
      return `x${typeof value}${String(value).length}:${String(value)}`;
  }
}

function encodeArray(items: unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += encode(items[i]);
  return out + ']';
}

function encodeObject(object: Record<string, unknown>): string {
  let out = '{';
  let previous: string | undefined;
  for (const key in object) {
    if (!hasOwn.call(object, key)) continue;
    // Keys out of order: start again with them sorted (model output usually follows the schema).
    if (previous !== undefined && !(previous < key)) return encodeSorted(object);
    out += `${key.length}:${key}${encode(object[key])}`;
    previous = key;
  }
  return out + '}';
}

function encodeSorted(object: Record<string, unknown>): string {
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) out += `${key.length}:${key}${encode(object[key])}`;
  return out + '}';
}

/**
 * A 30-bit hash of {@link callKey}'s identity (tool name, arguments in any key order), computed
 * without building a string: a reply of 10,000 calls would otherwise make 10,000 keys just to
 * spot repeats. Equal calls always hash alike; calls that hash alike are confirmed by
 * {@link sameCall}. 30 bits keep it a small integer that fits an `Int32Array` slot as hash + 1.
 */
export function callHash(name: string, args: unknown): number {
  return finish(hashValue(hashString(0x2c1b3c6d, name), args)) & 0x3fffffff;
}

/**
 * Whether two calls that already parsed under `limits` have the same tool and arguments (keys
 * in any order): the exact check behind a {@link callHash} match. Their raw arguments are read
 * again, as the calls layer never mutates them.
 */
export function sameCall(a: RawCall, b: RawCall, limits: ArgumentLimits): boolean {
  if (a.name !== b.name) return false;
  const left = parseArguments(a.arguments, limits);
  const right = parseArguments(b.arguments, limits);
  return left.ok && right.ok && callKey(a.name, left.value) === callKey(b.name, right.value);
}

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

/** murmur3's finaliser: spreads every input bit over the result. */
function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  // Signed: a uint32 above 2^31 is a heap number in unoptimized code; callers mask or `| 0` it.
  return h ^ (h >>> 16);
}

function hashString(h: number, text: string): number {
  h = mix(h, text.length);
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

function hashValue(h: number, value: unknown): number {
  switch (typeof value) {
    case 'string':
      return hashString(mix(h, 1), value);
    case 'number':
      // -0 and 0 are one value, as in callKey (String(-0) is "0").
      float[0] = value === 0 ? 0 : value;
      return mix(mix(mix(h, 2), words[0]), words[1]);
    case 'boolean':
      return mix(h, value ? 3 : 4);
    case 'undefined':
      return mix(h, 5);
    case 'object': {
      if (value === null) return mix(h, 6);
      if (Array.isArray(value)) {
        h = mix(mix(h, 7), value.length);
        for (let i = 0; i < value.length; i++) h = hashValue(h, value[i]);
        return h;
      }
      // Key order must not matter: the pairs' hashes are summed, which commutes.
      let sum = 0;
      let count = 0;
      for (const key in value) {
        if (!hasOwn.call(value, key)) continue;
        sum =
          (sum + finish(hashValue(hashString(0x5bd1e995, key), (value as Record<string, unknown>)[key]))) | 0;
        count++;
      }
      return mix(mix(mix(h, 8), count), sum);
    }
    default:
      // Not JSON (a function or a bigint from an SDK object): told apart by sameCall.
      return mix(h, 9);
  }
}
