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

/**
 * A {@link RawCall} as a reply reader makes it: an instance of one small class rather than a
 * literal, so a reply of thousands of calls gets objects of exactly four fields from the first.
 *
 * @example
 * const call = rawCall(0, 'call_1', 'Weather', '{"location":"Toronto"}');
 */
export function rawCall(index: number, id: string | undefined, name: string, args: unknown): RawCall {
  return new ReadCall(index, id, name, args);
}

class ReadCall implements RawCall {
  index: number;
  id: string | undefined;
  name: string;
  arguments: unknown;

  constructor(index: number, id: string | undefined, name: string, args: unknown) {
    this.index = index;
    this.id = id;
    this.name = name;
    this.arguments = args;
  }
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
 * was settled synchronously (always, unless a rule is async), else a promise of it.
 */
export function checkCall(
  registry: ToolRegistry,
  call: RawCall,
  options: CallValidationOptions,
): CallOutcome | Promise<CallOutcome> {
  const later = checkCallInto(registry, call, options, lastOutcome);
  if (later) return later;
  // Read at once: a sink is told before checkCallInto returns, so one sink serves every call.
  const outcome = lastOutcome.outcome!;
  lastOutcome.outcome = undefined;
  return outcome;
}

/**
 * Where {@link checkCallInto} reports a call it settled synchronously. A valid call arrives as
 * its parts, so a loop over a reply of thousands of calls makes no outcome object per valid call.
 */
export interface CallSink {
  valid(call: RawCall, instance: object, key: number): void;
  rejected(outcome: RejectedCall): void;
}

/** The failure half of {@link CallOutcome}. */
export type RejectedCall = Extract<CallOutcome, { ok: false }>;

/**
 * {@link checkCall} for loops: a call settled synchronously goes to `sink` and undefined is
 * returned; a call with async rules returns the promise of its outcome and `sink` is not told.
 */
export function checkCallInto(
  registry: ToolRegistry,
  call: RawCall,
  options: CallValidationOptions,
  sink: CallSink,
): Promise<CallOutcome> | undefined {
  const target = registry.get(call.name);
  if (!target) {
    sink.rejected(
      failed(
        call,
        'unknown_tool',
        `unknown tool ${JSON.stringify(call.name)}; the tools are: ${registry.names.join(', ')}`,
      ),
    );
    return undefined;
  }
  const value = readArguments(call.arguments, options.limits);
  if (value instanceof ArgumentsRejection) {
    sink.rejected(failed(call, value.code, value.message));
    return undefined;
  }

  const key = callHash(call.name, value);
  normalizeWireValue(resolveClassModel(target), value, options.wire);
  // A valid call of a simple class is settled without class-transformer or class-validator's
  // executor; anything the fast path is unsure of takes the full way, which words the errors.
  const plan = fastPlanFor(target);
  const built = plan ? constructFast(plan, value) : undefined;
  if (built && passesFast(plan!, built)) {
    sink.valid(call, built, key);
    return undefined;
  }
  const instance = built ?? (plainToInstance(target, value, { enableImplicitConversion: false }) as object);
  const errors = validateInstance(instance, target, options.validationContext);
  if (!Array.isArray(errors)) return settleLater(call, instance, key, errors);
  if (errors.length === 0) sink.valid(call, instance, key);
  else sink.rejected(rejectedBy(call, errors));
  return undefined;
}

/** Keeps the one outcome {@link checkCall} returns. */
class OutcomeSink implements CallSink {
  outcome: CallOutcome | undefined;

  valid(call: RawCall, instance: object, key: number): void {
    this.outcome = { ok: true, call, instance, key };
  }

  rejected(outcome: RejectedCall): void {
    this.outcome = outcome;
  }
}

const lastOutcome = new OutcomeSink();

/**
 * {@link settle} once async rules are done. Apart from {@link checkCallInto}: a closure there would
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
  return errors.length === 0 ? { ok: true, call, instance, key } : rejectedBy(call, errors);
}

function rejectedBy(call: RawCall, errors: ValidationError[]): RejectedCall {
  const lines = flattenValidationErrors(errors);
  return failed(call, 'validation_failed', lines.join('; '), lines);
}

function failed(call: RawCall, code: CallFailure['code'], message: string, errors?: string[]): RejectedCall {
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
