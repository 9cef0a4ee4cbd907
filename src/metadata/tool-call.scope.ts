import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The scope of one tool call's validation. It lives with the rules that read it (the numeric-enum
 * guard in validation-rules.installer.ts is active only inside it); the calls layer enters it,
 * carrying the request's validation context for custom validators.
 */
const scope = new AsyncLocalStorage<{ value: unknown }>();

/** Runs `fn` inside a tool call's validation, with `value` as the context of everything it awaits. */
export function runInToolCallScope<R>(value: unknown, fn: () => R): R {
  return scope.run({ value }, fn);
}

/** The validation context of the tool call being validated; `undefined` outside one. */
export function toolCallContext(): unknown {
  return scope.getStore()?.value;
}

/** True while a tool call is being validated: rules that only this library needs check it. */
export function isValidatingToolCall(): boolean {
  return scope.getStore() !== undefined;
}
