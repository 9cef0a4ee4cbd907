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
