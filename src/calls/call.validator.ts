import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { CallFailure } from '../errors/extraction.error';
import { resolveClassModel } from '../metadata/class-model.resolver';
import type { ArgumentLimits } from './argument-limits';
import { parseArguments } from './arguments.parser';
import type { ToolRegistry } from './tool-registry';
import { runWithValidationContext } from './validation-context';
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
      /** Canonical form of the arguments, to spot repeats. */ key: string;
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
 * throws for anything the model sent.
 */
export async function validateCall(
  registry: ToolRegistry,
  call: RawCall,
  options: CallValidationOptions,
): Promise<CallOutcome> {
  const fail = (code: CallFailure['code'], message: string, errors?: string[]): CallOutcome => ({
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
  });

  const target = registry.get(call.name);
  if (!target) {
    return fail(
      'unknown_tool',
      `unknown tool ${JSON.stringify(call.name)}; the tools are: ${registry.names.join(', ')}`,
    );
  }
  const parsed = parseArguments(call.arguments, options.limits);
  if (!parsed.ok) return fail(parsed.code, parsed.message);

  const key = `${call.name}:${canonicalJson(parsed.value)}`;
  normalizeWireValue(resolveClassModel(target), parsed.value, options.wire);
  const instance = plainToInstance(target, parsed.value, { enableImplicitConversion: false }) as object;
  const errors = await runWithValidationContext(options.validationContext, () =>
    validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    }),
  );
  if (errors.length > 0) {
    const lines = flattenValidationErrors(errors);
    return fail('validation_failed', lines.join('; '), lines);
  }
  return { ok: true, call, instance, key };
}

/** JSON with sorted keys: two calls with the same arguments in another order are the same call. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
