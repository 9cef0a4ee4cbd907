import { runInToolCallScope, toolCallContext } from '../metadata/tool-call.scope';

/**
 * The `validationContext` of the extraction being validated, for custom class-validator
 * validators (class-validator has no request context of its own). `undefined` outside one.
 *
 * @example
 * @ValidatorConstraint({ name: 'knownCity' })
 * class KnownCity implements ValidatorConstraintInterface {
 *   validate(city: string) {
 *     return getValidationContext<{ cities: string[] }>()?.cities.includes(city) ?? false;
 *   }
 * }
 */
export function getValidationContext<T = unknown>(): T | undefined {
  return toolCallContext() as T | undefined;
}

/** Runs `fn` with `value` as the validation context of everything it awaits. */
export function runWithValidationContext<R>(value: unknown, fn: () => R): R {
  return runInToolCallScope(value, fn);
}
