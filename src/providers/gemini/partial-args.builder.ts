import type { GeminiPartialArg } from './gemini.types';

type Segment = string | number;

/** Keys that would reach a prototype when assigned: such pieces are dropped. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** `.name`, `[0]`, `['name']`, `["name"]`. */
const SEGMENTS: Array<[RegExp, (m: RegExpExecArray) => Segment]> = [
  [/^\.([^.[\]]+)/, (m) => m[1]],
  [/^\[(\d+)\]/, (m) => Number(m[1])],
  [/^\['((?:[^'\\]|\\.)*)'\]/, (m) => unescape(m[1])],
  [/^\["((?:[^"\\]|\\.)*)"\]/, (m) => unescape(m[1])],
];

/**
 * Builds a call's arguments from Vertex's streamed `partialArgs`: each piece sets the value at its
 * JSON Path (`$.location`, `$.stops[0].city`, `$['a b']`), creating objects and arrays on the way;
 * string pieces of the same path are concatenated while the previous piece said `willContinue`.
 * Model output is untrusted: unsafe keys and array indexes that would leave holes are ignored.
 */
export class PartialArgsBuilder {
  private readonly continuing = new Set<string>();

  constructor(readonly args: Record<string, unknown>) {}

  apply(piece: GeminiPartialArg): void {
    const key = piece.jsonPath ?? '';
    const path = parseJsonPath(key);
    const append = this.continuing.has(key);
    if (piece.willContinue) this.continuing.add(key);
    else this.continuing.delete(key);
    const value = valueOf(piece);
    if (!path || path.length === 0 || value === undefined) return;
    if (path.some((s) => typeof s === 'string' && UNSAFE_KEYS.has(s))) return;
    setAt(this.args, path, value, append);
  }
}

/** The segments of an RFC 9535 normalized-style path, or undefined when it is not one. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = SEGMENTS.map(([re, read]) => [re.exec(rest), read] as const).find(([m]) => m !== null);
    if (!match) return undefined;
    const [m, read] = match;
    segments.push(read(m!));
    rest = rest.slice(m![0].length);
  }
  return segments;
}

function unescape(name: string): string {
  return name.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
  );
}

function valueOf(piece: GeminiPartialArg): unknown {
  if (piece.stringValue !== undefined) return piece.stringValue;
  if (piece.numberValue !== undefined) return piece.numberValue;
  if (piece.boolValue !== undefined) return piece.boolValue;
  if (piece.nullValue !== undefined) return null;
  return undefined;
}

function setAt(root: Record<string, unknown>, path: Segment[], value: unknown, append: boolean): void {
  let container: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (!fits(container, segment)) return;
    const holder = container as Record<Segment, unknown>;
    if (i === path.length - 1) {
      const previous = holder[segment];
      holder[segment] =
        append && typeof previous === 'string' && typeof value === 'string' ? previous + value : value;
      return;
    }
    // Containers are created where nothing is yet; a value already there is never replaced by one.
    if (holder[segment] === undefined) holder[segment] = typeof path[i + 1] === 'number' ? [] : {};
    container = holder[segment];
  }
}

/** Numbers index arrays (up to one past the end), names index objects. */
function fits(container: unknown, segment: Segment): boolean {
  if (Array.isArray(container)) return typeof segment === 'number' && segment <= container.length;
  return typeof segment === 'string' && container !== null && typeof container === 'object';
}
