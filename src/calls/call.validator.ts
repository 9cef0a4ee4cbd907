import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import type { CallFailure } from '../errors/extraction.error';
import { resolveClassModel } from '../metadata/class-model.resolver';
import type { ArgumentLimits } from './argument-limits';
import { ArgumentsRejection, readArguments } from './arguments.parser';
import { callHash } from './call-key';
import { constructFast, fastPlanFor, passesFast } from './fast-path';
import { validateInstance } from './instance.validator';
import type { ToolRegistry } from './tool-registry';
import { flattenValidationErrors } from './validation-errors';
import { normalizeWireValue, type WireOptions } from './wire-normalizer';

/** One tool call as a provider adapter pulled it out of a response. */
export interface RawCall {
  /** Position in the model's reply (0-based). */
  index: number;
  /** The provider's call id (OpenAI); Gemini gives none. */
  id?: string;
  name: string;
  /** A JSON string (OpenAI) or an object (Gemini). */
  arguments: unknown;
}

/** The fate of one call: a valid instance, or a failure saying why not. */
export type CallOutcome<T = object> =
  | {
      ok: true;
      call: RawCall;
      instance: T;
      /** {@link callHash} of the tool and arguments, to spot repeats (confirmed by `sameCall`). */
      key: number;
    }
  | { ok: false; call: RawCall; failure: CallFailure };

/** How calls are checked: the limits, the dialect to undo, the context for custom validators. */
export interface CallValidationOptions {
  limits: ArgumentLimits;
  wire: WireOptions;
  validationContext?: unknown;
}

/**
 * Turns one raw call into a validated instance of its tool class, or into a typed failure. Never
 * rejects for anything the model sent.
 */
export async function validateCall(
  registry: ToolRegistry,
  call: RawCall,
  options: CallValidationOptions,
): Promise<CallOutcome> {
  return checkCall(registry, call, options);
}

/**
 * {@link validateCall} without the promise when none is needed: the outcome itself when the call
 * was settled synchronously (always, unless a rule is async), else a promise of it. For loops that
 * check many calls: no microtask, no promise per call.
 */
export function checkCall(
  registry: ToolRegistry,
  call: RawCall,
  options: CallValidationOptions,
): CallOutcome | Promise<CallOutcome> {
  const target = registry.get(call.name);
  if (!target) {
    return failed(
      call,
      'unknown_tool',
      `unknown tool ${JSON.stringify(call.name)}; the tools are: ${registry.names.join(', ')}`,
    );
  }
  const value = readArguments(call.arguments, options.limits);
  if (value instanceof ArgumentsRejection) return failed(call, value.code, value.message);

  const key = callHash(call.name, value);
  normalizeWireValue(resolveClassModel(target), value, options.wire);
  // A valid call of a simple class is settled without class-transformer or class-validator's
  // executor; anything the fast path is unsure of takes the full way, which words the errors.
  const plan = fastPlanFor(target);
  const built = plan ? constructFast(plan, value) : undefined;
  if (built && passesFast(plan!, built)) return { ok: true, call, instance: built, key };
  const instance = built ?? (plainToInstance(target, value, { enableImplicitConversion: false }) as object);
  const errors = validateInstance(instance, target, options.validationContext);
  return Array.isArray(errors)
    ? settle(call, instance, key, errors)
    : settleLater(call, instance, key, errors);
}

/**
 * {@link settle} once async rules are done. Apart from {@link checkCall}: a closure there would
 * make every call allocate a context for the variables it captures, async rules or not.
 */
async function settleLater(
  call: RawCall,
  instance: object,
  key: number,
  errors: Promise<ValidationError[]>,
): Promise<CallOutcome> {
  return settle(call, instance, key, await errors);
}

function settle(call: RawCall, instance: object, key: number, errors: ValidationError[]): CallOutcome {
  if (errors.length === 0) return { ok: true, call, instance, key };
  const lines = flattenValidationErrors(errors);
  return failed(call, 'validation_failed', lines.join('; '), lines);
}

function failed(call: RawCall, code: CallFailure['code'], message: string, errors?: string[]): CallOutcome {
  return {
    ok: false,
    call,
    failure: {
      name: String(call.name),
      id: call.id,
      index: call.index,
      arguments: call.arguments,
      code,
      message,
      ...(errors ? { errors } : {}),
    },
  };
}

/**
 * JSON with sorted keys: two calls with the same arguments in another order give the same text.
 * Calls are told apart by {@link callKey}, which is cheaper; this is the readable form.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
