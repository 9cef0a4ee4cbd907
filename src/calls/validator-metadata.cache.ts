import { getMetadataStorage } from 'class-validator';
import type { ConstraintMetadata, ValidationMetadata, ValidatorStore } from './class-validator.internals';

/** One class's rules as class-validator looks them up, and what they were read from. */
export interface CachedRules {
  target: Function;
  /** `getTargetValidationMetadatas(target, …)`, exactly as class-validator returned it. */
  metadatas: ValidationMetadata[];
  /** The same, grouped by property (class-validator's `groupByPropertyName`). */
  grouped: Record<string, ValidationMetadata[]>;
  /** The store's keys the lookup read (the class and every class it inherits rules from)… */
  keys: unknown[];
  /** …and how many rules each had then. */
  lengths: number[];
  /** How many classes the store knew then: a new one may be an ancestor. */
  storeSize: number;
}

/**
 * A read-through view of class-validator's store for our own executors: the same answers, but
 * a class's rules are looked up once instead of walking every registered class on each
 * `validate` (class-validator's `getTargetValidationMetadatas` tests `instanceof` against all of
 * them). The global store is neither patched nor changed. An entry is rechecked on each use in
 * O(inheritance depth): the store's class count, and the rule count of the class and of each
 * class it inherits from (class-validator only ever appends), so rules registered later, on the
 * class, on an ancestor or on a class declared after first use, are seen.
 */
export class ValidatorMetadataCache {
  private store = getMetadataStorage() as unknown as ValidatorStore;
  private entries = new WeakMap<Function, CachedRules>();
  private readonly groupedOf = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();

  get hasValidationMetaData(): boolean {
    return this.current().hasValidationMetaData;
  }

  /** The rules of `target`, current with the store. */
  rulesOf(target: Function): CachedRules {
    const store = this.current();
    const cached = this.entries.get(target);
    if (cached && isFresh(cached, store)) return cached;
    const entry = readRules(store, target);
    this.entries.set(target, entry);
    this.groupedOf.set(entry.metadatas, entry.grouped);
    return entry;
  }

  // --- the store's interface, as class-validator's ValidationExecutor calls it ---

  getTargetValidationMetadatas: ValidatorStore['getTargetValidationMetadatas'] = (
    target,
    targetSchema,
    always,
    strictGroups,
    groups,
  ) => {
    // Our executors never pass groups or `always`; anything else is answered by the store itself.
    if (typeof target !== 'function' || always || strictGroups || (groups && groups.length > 0)) {
      return this.current().getTargetValidationMetadatas(target, targetSchema, always, strictGroups, groups);
    }
    return this.rulesOf(target).metadatas;
  };

  groupByPropertyName(metadatas: ValidationMetadata[]): Record<string, ValidationMetadata[]> {
    return this.groupedOf.get(metadatas) ?? this.current().groupByPropertyName(metadatas);
  }

  getTargetValidatorConstraints(target: Function): ConstraintMetadata[] {
    return this.current().getTargetValidatorConstraints(target);
  }

  /** The global store; a replaced one (tests reset it) drops every entry. */
  private current(): ValidatorStore {
    const store = getMetadataStorage() as unknown as ValidatorStore;
    if (store !== this.store) {
      this.store = store;
      this.entries = new WeakMap();
    }
    return store;
  }
}

function isFresh(entry: CachedRules, store: ValidatorStore): boolean {
  const map = store.validationMetadatas;
  if (map.size !== entry.storeSize) return false;
  for (let i = 0; i < entry.keys.length; i++) {
    if ((map.get(entry.keys[i])?.length ?? 0) !== entry.lengths[i]) return false;
  }
  return true;
}

function readRules(store: ValidatorStore, target: Function): CachedRules {
  const map = store.validationMetadatas;
  // The keys class-validator's lookup reads: the class's own, and every `prototype instanceof` key.
  const keys: unknown[] = [target];
  for (const key of map.keys()) {
    if (key !== target && typeof key === 'function' && target.prototype instanceof key) keys.push(key);
  }
  const metadatas = store.getTargetValidationMetadatas(target, undefined, false, false, undefined);
  return {
    target,
    metadatas,
    grouped: store.groupByPropertyName(metadatas),
    keys,
    lengths: keys.map((k) => map.get(k)?.length ?? 0),
    storeSize: map.size,
  };
}

/** The one cache of the process: every executor of the calls layer reads through it. */
export const validatorMetadataCache = new ValidatorMetadataCache();
