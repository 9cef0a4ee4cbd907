import type { CallFailure } from '../errors/extraction.error';

/** The events of an extraction and their payloads. */
export interface HookPayloads {
  /** A request is about to be sent; `params` is exactly what the SDK receives. */
  request: { provider: string; attempt: number; params: unknown };
  /** A response arrived (for a stream: once it is complete). */
  response: { provider: string; attempt: number; response: unknown };
  /** Some calls of a response could not be used. */
  'parse:error': { provider: string; attempt: number; failures: CallFailure[] };
  /** A re-ask is about to be sent; `attempt` is the number of the new request. */
  retry: { provider: string; attempt: number; failures: CallFailure[] };
  /** The extraction failed (an `ExtractionError` or an SDK error). */
  error: { provider: string; attempt: number; error: unknown };
}

/** A handler for each event. */
export type HookHandlers = { [E in keyof HookPayloads]: (payload: HookPayloads[E]) => void };

/**
 * A small typed event emitter for extraction events. A handler that throws does not break the
 * extraction: observability must not change outcomes.
 *
 * @example
 * const hooks = new ExtractorHooks().on('retry', ({ attempt, failures }) => log(attempt, failures));
 * const client = fromOpenAI(new OpenAI(), { hooks });
 */
export class ExtractorHooks {
  private readonly handlers = new Map<keyof HookPayloads, Set<(payload: any) => void>>();

  constructor(initial: Partial<HookHandlers> = {}) {
    for (const event of Object.keys(initial) as Array<keyof HookPayloads>) {
      const handler = initial[event];
      if (handler) this.on(event, handler as (payload: HookPayloads[typeof event]) => void);
    }
  }

  /** Subscribes; returns `this` for chaining. */
  on<E extends keyof HookPayloads>(event: E, handler: (payload: HookPayloads[E]) => void): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  /** Unsubscribes a handler given to {@link on}. */
  off<E extends keyof HookPayloads>(event: E, handler: (payload: HookPayloads[E]) => void): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  /** Calls every handler of an event, in subscription order. */
  emit<E extends keyof HookPayloads>(event: E, payload: HookPayloads[E]): void {
    const handlers = this.handlers.get(event);
    if (handlers === undefined || handlers.size === 0) return;
    for (const handler of handlers) {
      try {
        handler(payload);
      } catch {
        // A faulty handler must not turn a good extraction into a failed one.
      }
    }
  }
}
