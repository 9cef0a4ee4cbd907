import { classValidatorInternals } from './class-validator.internals';
import {
  compileFastPlan,
  sameTransformerSizes,
  transformerSizes,
  type Check,
  type FastPlan,
} from './fast-path.compiler';
import { validatorMetadataCache, type CachedRules } from './validator-metadata.cache';

interface Compiled {
  rules: CachedRules;
  sizes: number[];
  plan: FastPlan | null;
}

const compiled = new WeakMap<Function, Compiled>();
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The fast path of a class, compiled from its current rules, or null when the class must go the
 * full way (class-transformer's `plainToInstance`, then class-validator). Recompiled when the
 * class's rules or class-transformer's stores change.
 */
export function fastPlanFor(target: Function): FastPlan | null {
  if (!classValidatorInternals().ok) return null;
  const rules = validatorMetadataCache.rulesOf(target);
  const known = compiled.get(target);
  if (known && known.rules === rules && sameTransformerSizes(known.sizes)) return known.plan;
  const sizes = transformerSizes();
  const plan = compileFastPlan(rules, validatorMetadataCache);
  compiled.set(target, { rules, sizes, plan });
  return plan;
}

/**
 * Builds the instance the way `plainToInstance` does for a plan's class (`new Class()`, then each
 * argument assigned in order), when every argument is a known property holding a primitive or an
 * array of primitives; undefined when the full transformation is needed. `value` must be a fresh
 * object: its arrays are moved into the instance, not copied.
 */
export function constructFast(plan: FastPlan, value: Record<string, unknown>): object | undefined {
  for (const key in value) {
    if (hasOwn.call(value, key) && (!plan.known.has(key) || !isFlat(value[key]))) return undefined;
  }
  const instance = new plan.target() as Record<string, unknown>;
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    // class-transformer leaves a property alone that the constructor made a function.
    if (typeof instance[key] === 'function') return undefined;
    instance[key] = value[key];
  }
  return instance;
}

/**
 * True when class-validator would find no error on the instance, checked with the class's own
 * constraint objects; false means "not sure": the full path decides and words the errors.
 */
export function passesFast(plan: FastPlan, instance: object): boolean {
  const object = instance as Record<string, unknown>;
  // The whitelist: every own enumerable property (the constructor's too) must be a known one.
  for (const key in object) if (hasOwn.call(object, key) && !plan.known.has(key)) return false;
  const args = scratchArguments;
  args.targetName = object.constructor ? object.constructor.name : undefined;
  args.object = object;
  try {
    // Index loops: on a reply of 10,000 calls, array iterators here were a tenth of what a call cost.
    const properties = plan.properties;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i];
      const value = object[p.name];
      let applies = true;
      for (let c = 0; c < p.conditions.length; c++) if (!p.conditions[c](object, value)) applies = false;
      if (!applies) continue;
      args.property = p.name;
      args.value = value;
      for (let c = 0; c < p.checks.length; c++) {
        const check = p.checks[c];
        args.constraints = check.metadata.constraints;
        if (!passes(check, value, args)) return false;
      }
    }
    return true;
  } finally {
    args.object = undefined;
    args.value = undefined;
  }
}

/**
 * The `ValidationArguments` handed to the fast path's rules, one for all calls: the fast path runs
 * only class-validator's synchronous built-ins, which read it during the call and keep nothing, so
 * no call needs an object of its own.
 */
const scratchArguments = {
  targetName: undefined as string | undefined,
  property: '',
  object: undefined as object | undefined,
  value: undefined as unknown,
  constraints: undefined as unknown[] | undefined,
};

function passes(check: Check, value: unknown, args: object): boolean {
  const validate = check.constraint;
  if (check.metadata.each && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!isTrue(validate.validate(value[i], args as never))) return false;
    return true;
  }
  if (check.metadata.each && (value instanceof Set || value instanceof Map)) return false;
  return isTrue(validate.validate(value, args as never));
}

/** A synchronous pass; a promise (a rule that turned out async) is "not sure". */
function isTrue(result: unknown): boolean {
  return !!result && typeof (result as { then?: unknown }).then !== 'function';
}

function isFlat(v: unknown): boolean {
  if (Array.isArray(v)) {
    // A hole would be dropped by class-transformer's copy: leave sparse arrays to it.
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isPrimitive(v[i])) return false;
    return true;
  }
  return isPrimitive(v);
}

function isPrimitive(v: unknown): boolean {
  return (
    v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
  );
}
