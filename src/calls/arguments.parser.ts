import type { ArgumentLimits } from './argument-limits';

/** The arguments of one call as a plain object, or why they could not be read. */
export type ParsedArguments =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; code: 'invalid_json' | 'validation_failed'; message: string };

/** Why a call's arguments could not be read: what {@link readArguments} returns instead of them. */
export class ArgumentsRejection {
  constructor(
    readonly code: 'invalid_json' | 'validation_failed',
    readonly message: string,
  ) {}
}

/** Keys that would reach a prototype when assigned: dropped from model output. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a call's arguments: a JSON string (OpenAI; an empty string means `{}`) or an object the
 * SDK already parsed (Gemini). Refuses oversized or too deep input before any recursive work, and
 * returns fresh objects (the SDK's are copied) without prototype-reaching keys.
 */
export function parseArguments(raw: unknown, limits: ArgumentLimits): ParsedArguments {
  const read = readArguments(raw, limits);
  return read instanceof ArgumentsRejection
    ? { ok: false, code: read.code, message: read.message }
    : { ok: true, value: read };
}

/**
 * {@link parseArguments} without a wrapper object: the arguments themselves, or an
 * {@link ArgumentsRejection}. For the per-call loop, where a result object per call shows on
 * replies of thousands of calls.
 */
export function readArguments(
  raw: unknown,
  limits: ArgumentLimits,
): Record<string, unknown> | ArgumentsRejection {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most arguments need no byte count.
    if (
      raw.length > limits.maxArgumentsBytes ||
      (raw.length * 3 > limits.maxArgumentsBytes && Buffer.byteLength(raw, 'utf8') > limits.maxArgumentsBytes)
    ) {
      return tooLarge(limits);
    }
    if (raw.charCodeAt(0) !== 123 /* { */ && raw.trim() === '') return {};
    // Text shorter than the limit cannot nest deeper than it.
    if (raw.length > limits.maxDepth && jsonTextDepth(raw) > limits.maxDepth) return tooDeep(limits);
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return new ArgumentsRejection(
        'invalid_json',
        `arguments are not valid JSON: ${(error as Error).message}`,
      );
    }
    if (isJsonObject(value) && !mayHoldUnsafeKeys(raw)) return value;
  } else if (raw === undefined) {
    return {};
  } else if (valueDepth(raw, limits.maxDepth) > limits.maxDepth) {
    return tooDeep(limits);
  } else if (jsonBytes(raw) > limits.maxArgumentsBytes) {
    // Gemini hands over objects: the same byte bound applies to them, measured as JSON.
    return tooLarge(limits);
  }
  if (!isJsonObject(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return new ArgumentsRejection('validation_failed', `arguments must be a JSON object, got ${kind}`);
  }
  return safeCopy(value) as Record<string, unknown>;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether JSON text can parse into a prototype-reaching key. `JSON.parse` builds fresh plain
 * objects, so without such a key (spelled out or through a `\u` escape) no copy is needed.
 */
function mayHoldUnsafeKeys(text: string): boolean {
  return (
    text.includes('\\u') ||
    text.includes('__proto__') ||
    text.includes('constructor') ||
    text.includes('prototype')
  );
}

/** Nesting depth of JSON text, by one pass over its characters (strings skipped). */
function jsonTextDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** Nesting depth of an already-parsed value, walked without recursion and stopped past `limit`. */
function valueDepth(root: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    max = Math.max(max, depth);
    if (max > limit) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** UTF-8 size of a value as JSON; only called once its depth is known to be bounded. */
function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  return Buffer.byteLength(text, 'utf8');
}

/** A copy made of plain objects and arrays only; depth is bounded by the checks above. */
function safeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(safeCopy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!UNSAFE_KEYS.has(key)) out[key] = safeCopy((value as Record<string, unknown>)[key]);
  }
  return out;
}

function tooLarge(limits: ArgumentLimits): ArgumentsRejection {
  return new ArgumentsRejection(
    'invalid_json',
    `arguments are larger than ${limits.maxArgumentsBytes} bytes (raise limits.maxArgumentsBytes to accept more)`,
  );
}

function tooDeep(limits: ArgumentLimits): ArgumentsRejection {
  return new ArgumentsRejection(
    'invalid_json',
    `arguments nest deeper than ${limits.maxDepth} levels (raise limits.maxDepth to accept more)`,
  );
}
