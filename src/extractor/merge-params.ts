const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `{ ...parts[0], ...parts[1], ... }` for a request's params: the same keys in the same order with
 * the same values. On Node 20 an object literal that spreads and then adds properties takes a slow
 * path (about 1.3 µs for a request's params, most of what building them cost); `Object.assign`
 * onto a fresh object does the same copy in a tenth of that. The two differ only for an own
 * `__proto__` key (assignment would set the prototype), which takes the spread.
 *
 * @example
 * const params = mergeParams(options, { messages }, { tools, tool_choice: 'required' });
 */
export function mergeParams<T extends object>(...parts: object[]): T {
  for (let i = 0; i < parts.length; i++) {
    if (hasOwn.call(parts[i], '__proto__')) {
      let out = {};
      for (let j = 0; j < parts.length; j++) out = { ...out, ...parts[j] };
      return out as T;
    }
  }
  return Object.assign({}, ...parts) as T;
}
