import path from 'node:path';
import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits, type RawCall } from 'parallel-tools';

/** The calls layer's per-request tool lookup (src/calls/tool-registry.ts). */
export interface ToolRegistryLike {
  readonly names: string[];
}

/** The outcome shape of src/calls/call.validator.ts, as far as the benchmarks read it. */
export type CallOutcomeLike = { ok: true; instance: object } | { ok: false; failure: { message: string } };

interface CallsLayer {
  /** The sync-capable variant: the outcome itself when nothing async ran. */
  checkCall(
    registry: ToolRegistryLike,
    call: RawCall,
    options: { limits: ArgumentLimits; wire: { dropNulls: boolean; enumStrings: boolean } },
  ): CallOutcomeLike | Promise<CallOutcomeLike>;
  validateCall(
    registry: ToolRegistryLike,
    call: RawCall,
    options: { limits: ArgumentLimits; wire: { dropNulls: boolean; enumStrings: boolean } },
  ): Promise<CallOutcomeLike>;
  ToolRegistry: new (responseModel: unknown) => ToolRegistryLike;
  /** Whether the library ever entered its AsyncLocalStorage (turning Node's promise hooks on). */
  contextStorageEntered(): boolean;
}

/**
 * `validateCall` and `ToolRegistry` are not public. They are loaded from the very `dist/` copy
 * that `import 'parallel-tools'` resolves to, so they share its metadata stores (a second copy
 * compiled from src/ would not see the tools declared through the public entry point).
 */
export function loadCallsLayer(): CallsLayer & {
  check(registry: ToolRegistryLike, call: RawCall): Promise<CallOutcomeLike>;
  checkSync(registry: ToolRegistryLike, call: RawCall): CallOutcomeLike | Promise<CallOutcomeLike>;
} {
  const dist = path.dirname(require.resolve('parallel-tools'));
  const { validateCall, checkCall } = require(path.join(dist, 'calls', 'call.validator.js'));
  const { ToolRegistry } = require(path.join(dist, 'calls', 'tool-registry.js'));
  const { contextStorageEntered } = require(path.join(dist, 'calls', 'validation-context.js'));
  const options = { limits: DEFAULT_ARGUMENT_LIMITS, wire: { dropNulls: false, enumStrings: false } };
  return {
    validateCall,
    checkCall,
    ToolRegistry,
    contextStorageEntered,
    // The options the OpenAI adapter uses in its default (non-strict) dialect.
    check: (registry, call) => validateCall(registry, call, options),
    checkSync: (registry, call) => checkCall(registry, call, options),
  };
}
