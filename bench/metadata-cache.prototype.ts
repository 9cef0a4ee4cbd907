import { getMetadataStorage } from 'class-validator';

type Lookup = (
  target: Function,
  schema: string,
  always: boolean,
  strict: boolean,
  groups?: string[],
) => unknown[];

/**
 * A prototype of the fix proposed for benchmark 5, measured here and not shipped: memoize
 * class-validator's `getTargetValidationMetadatas` per class and options, and drop the memo
 * whenever a rule is registered. class-validator never mutates the array it gets back, so
 * sharing one per class is safe; the per-call walk over every registered class goes away.
 */
export function memoizeTargetMetadatas(): void {
  const storage = getMetadataStorage() as unknown as Record<string, (...args: any[]) => any>;
  const lookup = storage.getTargetValidationMetadatas.bind(storage) as Lookup;
  let memo = new WeakMap<Function, Map<string, unknown[]>>();
  for (const method of ['addValidationMetadata', 'addValidationSchema']) {
    const add = storage[method].bind(storage);
    storage[method] = (...args: unknown[]) => {
      memo = new WeakMap();
      return add(...args);
    };
  }
  storage.getTargetValidationMetadatas = ((target, schema, always, strict, groups) => {
    if (typeof target !== 'function') return lookup(target, schema, always, strict, groups);
    const key = `${schema}\u0000${always}\u0000${strict}\u0000${groups?.join('\u0000') ?? ''}`;
    let perTarget = memo.get(target);
    if (!perTarget) memo.set(target, (perTarget = new Map()));
    let metadatas = perTarget.get(key);
    if (!metadatas) perTarget.set(key, (metadatas = lookup(target, schema, always, strict, groups)));
    return metadatas;
  }) as Lookup;
}
