import { validate, ValidationTypes, type ValidationError, type ValidatorOptions } from 'class-validator';
import { nestedClasses, resolveClassModel } from '../metadata/class-model.resolver';
import type { ClassType } from '../metadata/class-type';
import { classValidatorInternals } from './class-validator.internals';
import { runValidationStep, runWithValidationContext } from './validation-context';
import { validatorMetadataCache, type CachedRules } from './validator-metadata.cache';

/** How every tool call is validated (DESIGN.md section 4). */
const OPTIONS: ValidatorOptions = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: Object.freeze({ target: false, value: false }),
});

/**
 * class-validator's errors for an instance, exactly as its `validate` gives them: its own
 * `ValidationExecutor` run with our cached view of its store (the cost no longer grows with the
 * classes the app registered), synchronously when no rule turned out async. On a class-validator
 * version we did not test, its public `validate` inside the validation context, as before.
 */
export function validateInstance(
  instance: object,
  target: ClassType,
  context: unknown,
): ValidationError[] | Promise<ValidationError[]> {
  const internals = classValidatorInternals();
  if (!internals.ok) return runWithValidationContext(context, () => validate(instance, OPTIONS));
  return runValidationStep(context, reachesPromiseRules(target), () => {
    const executor = internals.newExecutor(OPTIONS);
    // Our executor reads through the cache; class-validator's store itself is left as it is.
    executor.metadataStorage = validatorMetadataCache;
    const errors: ValidationError[] = [];
    executor.execute(instance, undefined, errors);
    if (executor.awaitingPromises.length === 0) return executor.stripEmptyErrors(errors);
    return Promise.all(executor.awaitingPromises).then(() => executor.stripEmptyErrors(errors));
  });
}

const promiseRules = new WeakMap<Function, { read: CachedRules[]; result: boolean }>();

/**
 * Whether the class or a class nested in it has `@ValidatePromise` rules: those run after the
 * synchronous step, so the tool-call mark must travel with them (AsyncLocalStorage). Cached until
 * the rules of one of the classes it read change.
 */
function reachesPromiseRules(target: ClassType): boolean {
  const cached = promiseRules.get(target);
  if (cached && cached.read.every((r) => validatorMetadataCache.rulesOf(r.target) === r))
    return cached.result;
  const read: CachedRules[] = [];
  const seen = new Set<Function>();
  const visit = (c: ClassType): boolean => {
    if (seen.has(c)) return false;
    seen.add(c);
    const rules = validatorMetadataCache.rulesOf(c);
    read.push(rules);
    if (rules.metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION)) return true;
    return resolveClassModel(c).properties.some((p) => nestedClasses(p.type).some(visit));
  };
  const result = visit(target);
  promiseRules.set(target, { read, result });
  return result;
}
