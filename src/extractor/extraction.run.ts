import type { ArgumentLimits } from '../calls/argument-limits';
import {
  checkCall,
  checkCallInto,
  type CallOutcome,
  type CallSink,
  type CallValidationOptions,
  type RawCall,
  type RejectedCall,
} from '../calls/call.validator';
import { mayBeWrapper, unwrapParallelCalls } from '../calls/parallel-wrapper';
import type { ToolRegistry } from '../calls/tool-registry';
import { ExtractionError, type CallFailure } from '../errors/extraction.error';
import type { ExtractorHooks } from './extractor.hooks';
import type { ExtractionResult, Usage } from './extractor.types';
import type { ProviderAdapter, ProviderTurn } from './provider-adapter';
import { pendingInstruction, toolResults, type JudgedCall } from './reask-messages';
import { ResultSlots } from './result-slots';
import { exhaustedError, stopReasonError } from './stop-reason.errors';
import { driveStream, StreamBreak } from './stream.driver';

/** Everything one extraction needs, whatever the entry point (Extractor or an SDK facade). */
export interface RunInput<Msg> {
  adapter: ProviderAdapter<unknown, unknown, Msg>;
  registry: ToolRegistry;
  messages: Msg[];
  /** Settings passed to the provider request as is. */
  options: Record<string, unknown>;
  maxRetries: number;
  validationContext?: unknown;
  signal?: AbortSignal;
  hooks: ExtractorHooks;
  limits: ArgumentLimits;
}

/** How many calls of a whole reply are validated at once: bounds memory on huge replies. */
const VALIDATION_BATCH = 64;

/**
 * An extraction as a whole: send, read every call, validate the whole reply (eagerly, before
 * anything is returned), re-ask for the bad calls, until all are valid or retries run out.
 */
export function extractWhole<Msg>(input: RunInput<Msg>): Promise<ExtractionResult<object>> {
  return continueWhole(new ExtractionRun(input), input.adapter, input.signal);
}

/**
 * Sends a run's next attempts one request at a time until it settles: a new run's first request,
 * or the re-asks of a run whose earlier reply came from elsewhere (a batch line).
 */
export async function continueWhole<Msg>(
  run: ExtractionRun<Msg>,
  adapter: ProviderAdapter<unknown, unknown, Msg>,
  signal: AbortSignal | undefined,
): Promise<ExtractionResult<object>> {
  try {
    for (;;) {
      const params = run.begin(false);
      const judged = run.judge(adapter.readTurn(await adapter.send(params, signal)));
      const result = isPromise(judged) ? await judged : judged;
      if (result) return result;
    }
  } catch (error) {
    throw run.failure(error);
  }
}

/**
 * An extraction as a stream: yields each newly accepted instance as soon as its call is complete
 * and valid, while the reply is still arriving, and returns the full result.
 */
export async function* streamExtraction<Msg>(
  input: RunInput<Msg>,
): AsyncGenerator<object, ExtractionResult<object>> {
  const run = new ExtractionRun(input);
  try {
    for (;;) {
      const stream = driveStream(input.adapter, run.begin(true), input.signal);
      let turn: ProviderTurn;
      try {
        for (let step = await stream.next(); ; step = await stream.next()) {
          if (step.done) {
            turn = step.value;
            break;
          }
          for (const call of run.expand(step.value)) {
            const taken = run.take(call);
            const instance = isPromise(taken) ? await taken : taken;
            if (instance) yield instance;
          }
        }
      } finally {
        // A consumer's `break` lands here: closing the driver closes the SDK's HTTP stream.
        await stream.return(undefined as never);
      }
      const result = run.settle(turn);
      if (result) return result;
    }
  } catch (error) {
    throw run.failure(error);
  }
}

/**
 * The state of one extraction across its attempts, and the steps every entry point shares (a
 * whole reply, a stream, and a batch line, whose request is sent by a provider's batch engine).
 */
export class ExtractionRun<Msg> implements CallSink {
  private readonly slots: ResultSlots;
  private readonly usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  private readonly messages: Msg[];
  private attempt = 0;
  /**
   * This attempt's calls in the order they were judged, and the failures among them: a valid
   * call is only in {@link slots}, without an outcome object of its own.
   */
  private attemptCalls: RawCall[] = [];
  private attemptFailures = new Map<RawCall, CallFailure>();
  /** The instance the last call handed to this sink made newly accepted, if any. */
  private newest: object | undefined;
  private lastResponse: unknown;

  private readonly callOptions: CallValidationOptions;

  constructor(private readonly input: RunInput<Msg>) {
    this.messages = [...input.messages];
    this.slots = new ResultSlots(input.limits);
    this.callOptions = {
      limits: input.limits,
      wire: input.adapter.wire,
      validationContext: input.validationContext,
    };
  }

  /** Starts the next attempt; returns its request exactly as the SDK will receive it. */
  begin(stream: boolean): unknown {
    const { adapter, registry, options, hooks } = this.input;
    this.attempt++;
    this.attemptCalls = [];
    this.attemptFailures = new Map();
    this.slots.beginAttempt();
    const params = adapter.buildParams({ messages: this.messages, registry, options, stream });
    hooks.emit('request', { provider: adapter.provider, attempt: this.attempt, params });
    return params;
  }

  /** The calls a raw call stands for: itself, or a wrapper's inner calls (which keep its index). */
  expand(call: RawCall): RawCall[] {
    return unwrapParallelCalls(call, this.input.registry, this.input.limits);
  }

  /** A call's outcome: at once, unless one of its rules is async. */
  check(call: RawCall): CallOutcome | Promise<CallOutcome> {
    return checkCall(this.input.registry, call, this.callOptions);
  }

  /** Records one call's fate; returns its instance when it is newly accepted. */
  accept(outcome: CallOutcome): object | undefined {
    if (outcome.ok) this.valid(outcome.call, outcome.instance, outcome.key);
    else this.rejected(outcome);
    return this.newest;
  }

  /**
   * Checks and records one call that is not in a whole reply (a streamed one): its instance when
   * it is newly accepted, at once unless one of its rules is async.
   */
  take(call: RawCall): object | undefined | Promise<object | undefined> {
    this.attemptCalls.push(call);
    const later = checkCallInto(this.input.registry, call, this.callOptions, this);
    return later ? later.then((outcome) => this.accept(outcome)) : this.newest;
  }

  /** {@link CallSink}: a valid call, recorded without an outcome object. */
  valid(call: RawCall, instance: object, key: number): void {
    this.newest = this.slots.addValid(call, instance, key) ? instance : undefined;
  }

  /** {@link CallSink}: a failed call. */
  rejected(outcome: RejectedCall): void {
    this.attemptFailures.set(outcome.call, outcome.failure);
    this.slots.addFailed(outcome.call, outcome.failure);
    this.newest = undefined;
  }

  /**
   * Judges a whole reply: validates its calls (a bounded number at once, in the model's order),
   * then {@link settle}s the attempt. The result, or undefined once the re-ask turn is queued.
   */
  judge(
    turn: ProviderTurn,
  ): ExtractionResult<object> | undefined | Promise<ExtractionResult<object> | undefined> {
    const calls = this.expandAll(turn.calls);
    // Every call of a whole reply is judged, in order: the reply's list is the attempt's.
    this.attemptCalls = calls;
    this.slots.reserve(calls.length);
    const { registry } = this.input;
    // Checked in order, without a promise while every rule is synchronous; only async rules make a
    // batch wait (bounded: memory stays flat on huge replies).
    for (let i = 0; i < calls.length;) {
      const end = Math.min(i + VALIDATION_BATCH, calls.length);
      let pending: Array<CallOutcome | Promise<CallOutcome>> | undefined;
      for (; i < end; i++) {
        if (pending) pending.push(this.check(calls[i]));
        else {
          const later = checkCallInto(registry, calls[i], this.callOptions, this);
          if (later) pending = [later];
        }
      }
      if (pending) return this.judgeRest(turn, calls, i, pending);
    }
    return this.settle(turn);
  }

  /** {@link judge} from the first batch that holds an async outcome on. */
  private async judgeRest(
    turn: ProviderTurn,
    calls: RawCall[],
    from: number,
    pending: Array<CallOutcome | Promise<CallOutcome>>,
  ): Promise<ExtractionResult<object> | undefined> {
    for (const outcome of await Promise.all(pending)) this.accept(outcome);
    for (let i = from; i < calls.length; i += VALIDATION_BATCH) {
      const checked = calls.slice(i, i + VALIDATION_BATCH).map((call) => this.check(call));
      const settled = checked.some(isPromise) ? await Promise.all(checked) : (checked as CallOutcome[]);
      for (const outcome of settled) this.accept(outcome);
    }
    return this.settle(turn);
  }

  /** The calls of a reply with wrappers unwrapped: the reply's own list when it holds none. */
  private expandAll(calls: RawCall[]): RawCall[] {
    const { registry } = this.input;
    return calls.some((call) => mayBeWrapper(call, registry))
      ? calls.flatMap((call) => this.expand(call))
      : calls;
  }

  /**
   * Ends an attempt: the result when every call is valid, or undefined once the re-ask turn is
   * queued; throws when the reply's stop reason or the retries say it is over.
   */
  settle(turn: ProviderTurn): ExtractionResult<object> | undefined {
    const { adapter, hooks, registry } = this.input;
    const provider = adapter.provider;
    const attempt = this.attempt;
    this.lastResponse = turn.response;
    addUsage(this.usage, turn.usage);
    hooks.emit('response', { provider, attempt, response: turn.response });

    const failed = [...this.attemptFailures.values()];
    if (failed.length > 0) hooks.emit('parse:error', { provider, attempt, failures: failed });
    const stopError = stopReasonError(turn, this.slots, attempt);
    if (stopError) throw stopError;

    const pending = this.slots.failures;
    if (pending.length === 0 && this.slots.size > 0) {
      return {
        data: this.slots.takeInstances(),
        response: turn.response,
        usage: this.usage,
        attempts: attempt,
      };
    }
    if (attempt > this.input.maxRetries) throw exhaustedError(turn, this.slots, attempt, registry.names);

    hooks.emit('retry', { provider, attempt: attempt + 1, failures: pending });
    const judged = this.judgedCalls();
    const instruction = pendingInstruction(pending, judged, registry.names);
    this.messages.push(...adapter.reaskMessages(turn, toolResults(judged, registry.names), instruction));
    return undefined;
  }

  /** This attempt's calls in order, each with its failure if it failed: what a re-ask reads. */
  private judgedCalls(): JudgedCall[] {
    return this.attemptCalls.map((call) => ({ call, failure: this.attemptFailures.get(call) }));
  }

  /** The error to throw for what went wrong, with what was already accepted; reported to the hooks. */
  failure(caught: unknown): unknown {
    let error = caught;
    if (caught instanceof StreamBreak) {
      error = new ExtractionError(
        'stream_interrupted',
        `The stream broke before the reply was complete: ${caught.message} ` +
          `(${this.slots.instances.length} valid call(s) were received before it broke and are in error.results)`,
        {
          failures: this.slots.failures,
          results: this.slots.instances,
          response: this.lastResponse,
          attempts: this.attempt,
          cause: caught.reason,
        },
      );
    }
    this.input.hooks.emit('error', { provider: this.input.adapter.provider, attempt: this.attempt, error });
    return error;
  }
}

function addUsage(total: Usage, add: Usage | undefined): void {
  if (!add) return;
  total.promptTokens += add.promptTokens;
  total.completionTokens += add.completionTokens;
  total.totalTokens += add.totalTokens;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown })?.then === 'function';
}
