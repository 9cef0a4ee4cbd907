const hasOwn = Object.prototype.hasOwnProperty;

/**
 * JSON with sorted keys: two calls with the same arguments in another order are the same call.
 * Arguments whose keys are already in order (and hold nothing JSON would drop) are written by
 * `JSON.stringify` itself, which gives the same text in one native pass.
 */
export function canonicalJson(value: unknown): string {
  if (isCanonical(value, 0)) return JSON.stringify(value) ?? 'null';
  return sortedJson(value);
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + sortedJson(value[i]);
    return out + ']';
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`;
    }
    return out + '}';
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * True when `JSON.stringify(value)` is already the sorted form: plain objects with keys in
 * `sort()` order, arrays without holes, only JSON values (no `undefined`, functions, `toJSON`).
 */
function isCanonical(value: unknown, depth: number): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return true;
  if (type !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!(i in value) || !isCanonical(value[i], depth + 1)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!hasOwn.call(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    if (key === 'toJSON' || !isCanonical((value as Record<string, unknown>)[key], depth + 1)) return false;
    previous = key;
  }
  return true;
}
