// The scope of one tool call's validation lives with the rules that read it (the numeric-enum
// guard in validation-rules.installer.ts is active only inside it); the calls layer enters it and
// re-exports the public part (calls/validation-context.ts).
import { AsyncLocalStorage } from 'node:async_hooks';

// Entered only when something needs it: on Node 20 the first `run` turns on process-wide promise
// hooks that stay on and tax every promise of the app (3-8% on each SDK request, bench 3).
const storage = new AsyncLocalStorage<{ value: unknown }>();
/** How many synchronous validation steps are running now (nested validations count each). */
let syncDepth = 0;
let entered = false;

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
  return storage.getStore()?.value as T | undefined;
}

/** Runs `fn` with `value` as the validation context of everything it awaits. */
export function runWithValidationContext<R>(value: unknown, fn: () => R): R {
  entered = true;
  return storage.run({ value }, fn);
}

/**
 * Runs one validation step that does its rule checks synchronously (class-validator evaluates
 * every `validateIf` and starts every validator inside `execute`), marked as a tool-call
 * validation for {@link isValidatingToolCall}. AsyncLocalStorage is entered only when something
 * can read it: a validation context (custom validators, also after an `await`), an outer context
 * to hide (an extraction run from inside a custom validator), or `asyncRules` (rules that run
 * after the step returns, e.g. `@ValidatePromise`, and must still see the mark).
 */
export function runValidationStep<R>(value: unknown, asyncRules: boolean, fn: () => R): R {
  if (value !== undefined || asyncRules || storage.getStore() !== undefined) {
    return runWithValidationContext(value, () => marked(fn));
  }
  return marked(fn);
}

function marked<R>(fn: () => R): R {
  syncDepth++;
  try {
    return fn();
  } finally {
    syncDepth--;
  }
}

/** True while a tool call is being validated: rules that only this library needs check it. */
export function isValidatingToolCall(): boolean {
  return syncDepth > 0 || storage.getStore() !== undefined;
}

/**
 * Whether this process ever entered the validation context's AsyncLocalStorage (which leaves
 * Node's promise hooks on for good): what the specs and the bench check stays false without one.
 */
export function contextStorageEntered(): boolean {
  return entered;
}
