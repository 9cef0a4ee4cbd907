import { ValidationTypes, type ValidatorConstraintInterface } from 'class-validator';
import { NULLABLE_MARKER } from '../metadata/validation-markers';
import {
  classTransformerStore,
  type TransformerStore,
  type ValidationMetadata,
  type ValidatorStore,
} from './class-validator.internals';
import type { CachedRules } from './validator-metadata.cache';

/** A class-validator rule the fast path runs itself: the very constraint class-validator would call. */
export interface Check {
  metadata: ValidationMetadata;
  constraint: ValidatorConstraintInterface;
}

/** What the fast path checks on one property. */
export interface PropertyPlan {
  name: string;
  /** `@IsOptional` / nullable conditions: all true, or the property's rules are skipped. */
  conditions: Array<(object: object, value: unknown) => unknown>;
  checks: Check[];
}

/** A class compiled for the fast path. */
export interface FastPlan {
  target: new () => object;
  /** Every property class-validator knows on the class (the whitelist). */
  known: Set<string>;
  properties: PropertyPlan[];
}

/**
 * class-validator's built-in rules that are synchronous and read nothing but the value and their
 * constraints, so running them once more (the full path re-runs them when a call is invalid)
 * changes nothing. A custom or async rule, `validateIf`, groups, nested or promise validation
 * keep the class on the full path.
 */
const PURE_RULES = new Set([
  'isDefined', 'isString', 'isNumber', 'isInt', 'isBoolean', 'isIn', 'isNotIn', 'isEnum', 'equals',
  'notEquals', 'isEmpty', 'isNotEmpty', 'min', 'max', 'minLength', 'maxLength', 'isLength',
  'matches', 'contains', 'notContains', 'isArray', 'arrayMinSize', 'arrayMaxSize', 'arrayNotEmpty',
  'arrayContains', 'arrayNotContains', 'arrayUnique', 'isPositive', 'isNegative', 'isDivisibleBy',
  'isEmail', 'isUrl', 'isUuid', 'isIso8601', 'isDateString', 'isLowercase', 'isUppercase',
  'isAlpha', 'isAlphanumeric',
]); // prettier-ignore

/** The conditions the fast path may evaluate: class-validator's `@IsOptional` and our nullable marker. */
const PURE_CONDITIONS = new Set(['isOptional', NULLABLE_MARKER]);

/**
 * Compiles a class for the fast path, or returns null when any of its rules is one the fast path
 * does not know, or when `plainToInstance` could do more for it than construct and assign
 * (class-transformer metadata on the class or an ancestor, accessors or methods named like a
 * property).
 */
export function compileFastPlan(rules: CachedRules, store: ConstraintLookup): FastPlan | null {
  const target = rules.target as new () => object;
  if (rules.metadatas.length === 0 || hasTransformMetadata(target)) return null;
  const byName = new Map<string, PropertyPlan>();
  for (const m of rules.metadatas) {
    if (typeof m.propertyName !== 'string' || m.propertyName in target.prototype) return null;
    if ((m.groups && m.groups.length > 0) || m.always !== undefined || m.validateIf) return null;
    let plan = byName.get(m.propertyName);
    if (!plan) byName.set(m.propertyName, (plan = { name: m.propertyName, conditions: [], checks: [] }));
    if (m.type === ValidationTypes.WHITELIST) continue;
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      if (!PURE_CONDITIONS.has(m.name ?? '') || typeof m.constraints?.[0] !== 'function') return null;
      plan.conditions.push(m.constraints[0] as PropertyPlan['conditions'][number]);
      continue;
    }
    if (m.type !== ValidationTypes.CUSTOM_VALIDATION && m.type !== ValidationTypes.IS_DEFINED) return null;
    const check = pureCheck(m, store);
    if (!check) return null;
    plan.checks.push(check);
  }
  return { target, known: new Set(byName.keys()), properties: [...byName.values()] };
}

/** Where the constraint classes of rules are looked up (class-validator's store, or our view of it). */
export type ConstraintLookup = Pick<ValidatorStore, 'getTargetValidatorConstraints'>;

function pureCheck(m: ValidationMetadata, store: ConstraintLookup): Check | null {
  if (!PURE_RULES.has(m.name ?? '')) return null;
  // A stateful RegExp (g, y) answers differently when run twice.
  if (m.name === 'matches' && m.constraints?.[0] instanceof RegExp && /[gy]/.test(m.constraints[0].flags))
    return null;
  const constraints = store.getTargetValidatorConstraints(m.constraintCls);
  if (constraints.length !== 1 || constraints[0].async) return null;
  // class-validator reads `instance` from its container on every call; a built-in's is stateless.
  return { metadata: m, constraint: constraints[0].instance };
}

function hasTransformMetadata(target: Function): boolean {
  const store = classTransformerStore();
  if (!store) return true;
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype;) {
    if (inTransformerStore(store, c)) return true;
    c = Object.getPrototypeOf(c);
  }
  return false;
}

function inTransformerStore(store: TransformerStore, c: Function): boolean {
  return (
    store._typeMetadatas.has(c) ||
    store._transformMetadatas.has(c) ||
    store._exposeMetadatas.has(c) ||
    store._excludeMetadatas.has(c)
  );
}

/** The sizes of class-transformer's stores: new metadata on a compiled class changes one of them. */
export function transformerSizes(): number[] {
  const s = classTransformerStore();
  if (!s) return [];
  return [
    s._typeMetadatas.size,
    s._transformMetadatas.size,
    s._exposeMetadatas.size,
    s._excludeMetadatas.size,
  ];
}

/** Whether class-transformer's stores still have the sizes {@link transformerSizes} gave. */
export function sameTransformerSizes(sizes: number[]): boolean {
  const s = classTransformerStore();
  if (!s) return sizes.length === 0;
  return (
    sizes[0] === s._typeMetadatas.size &&
    sizes[1] === s._transformMetadatas.size &&
    sizes[2] === s._exposeMetadatas.size &&
    sizes[3] === s._excludeMetadatas.size
  );
}
