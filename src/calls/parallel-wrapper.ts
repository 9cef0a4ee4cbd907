import type { ArgumentLimits } from './argument-limits';
import { parseArguments } from './arguments.parser';
import type { RawCall } from './call.validator';
import type { ToolRegistry } from './tool-registry';

/** The names models give the wrapper tool they were never offered. */
const WRAPPER_NAMES = new Set(['multi_tool_use.parallel', 'parallel']);
const RECIPIENT_PREFIX = 'functions.';

/** Whether a call has a wrapper's name that is not one of the request's tools (else it is itself). */
export function mayBeWrapper(call: RawCall, registry: ToolRegistry): boolean {
  return typeof call.name === 'string' && WRAPPER_NAMES.has(call.name) && !registry.get(call.name);
}

/**
 * Unwraps `multi_tool_use.parallel` (or `parallel`): some models wrap several calls in one call to
 * a tool they were never given, `{ tool_uses: [{ recipient_name: 'functions.NAME', parameters }] }`.
 * Each inner call comes out as a call of its own (carrying the wrapper's id, so that a re-ask can
 * answer the wrapper once), to be checked like any other. A call that is not a wrapper, a
 * wrapper name the request really has as a tool, or a wrapper whose arguments are not of that
 * shape, comes back unchanged (an unreadable wrapper then fails as the unknown tool it is).
 */
export function unwrapParallelCalls(
  call: RawCall,
  registry: ToolRegistry,
  limits: ArgumentLimits,
): RawCall[] {
  if (!mayBeWrapper(call, registry)) return [call];
  const parsed = parseArguments(call.arguments, limits);
  const uses = parsed.ok ? parsed.value.tool_uses : undefined;
  if (!Array.isArray(uses) || uses.length === 0) return [call];
  return uses.map((use: unknown) => {
    const { recipient_name: recipient, parameters } = (use ?? {}) as Record<string, unknown>;
    const name =
      typeof recipient === 'string' && recipient.startsWith(RECIPIENT_PREFIX)
        ? recipient.slice(RECIPIENT_PREFIX.length)
        : recipient;
    return { index: call.index, id: call.id, name: name as string, arguments: parameters ?? {} };
  });
}
