import type { ArgumentLimits } from '../calls/argument-limits';
import { validateCall, type CallOutcome } from '../calls/call.validator';
import type { ToolRegistry } from '../calls/tool-registry';
import { ExtractionError, type CallFailure } from '../errors/extraction.error';
import type { ExtractorHooks } from './extractor.hooks';
import type { ExtractionResult, Usage } from './extractor.types';
import type { ProviderAdapter, ProviderTurn } from './provider-adapter';
import { pendingInstruction, toolResults } from './reask-messages';
import { ResultSlots } from './result-slots';

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
  stream: boolean;
}

/**
 * The extraction loop: send, read every call, validate it, re-ask for the bad ones, until all are
 * valid or retries run out. Yields each newly accepted instance as soon as it is valid (in a stream
 * that is while the reply is still arriving) and returns the full result.
 */
export async function* runExtraction<Msg>(
  input: RunInput<Msg>,
): AsyncGenerator<object, ExtractionResult<object>> {
  const { adapter, registry, hooks } = input;
  const provider = adapter.provider;
  const slots = new ResultSlots();
  const usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const messages = [...input.messages];
  let attempt = 0;
  let lastResponse: unknown;

  try {
    for (;;) {
      attempt++;
      slots.beginAttempt();
      const params = adapter.buildParams({
        messages,
        registry,
        options: input.options,
        stream: input.stream,
      });
      hooks.emit('request', { provider, attempt, params });

      const outcomes: CallOutcome[] = [];
      const accept = async function* (pending: Promise<CallOutcome>) {
        const outcome = await pending;
        outcomes.push(outcome);
        if (slots.add(outcome) && outcome.ok) yield outcome.instance;
      };
      const check = (call: Parameters<typeof validateCall>[1]) =>
        validateCall(registry, call, {
          limits: input.limits,
          wire: adapter.wire,
          validationContext: input.validationContext,
        });

      let turn: ProviderTurn | undefined;
      if (input.stream) {
        for await (const event of adapter.stream(params, input.signal)) {
          if (event.type === 'call') yield* accept(check(event.call));
          else turn = event.turn;
        }
        if (!turn) throw new Error('parallel-tools: the provider stream ended without its final event');
      } else {
        const response = await adapter.send(params, input.signal);
        turn = adapter.readTurn(response);
        // Validate every call before yielding any: eager validation of the whole reply.
        const checked = await Promise.all(turn.calls.map(check));
        for (const outcome of checked) yield* accept(Promise.resolve(outcome));
      }
      lastResponse = turn.response;
      addUsage(usage, turn.usage);
      hooks.emit('response', { provider, attempt, response: turn.response });

      const failed = outcomes.flatMap((o) => (o.ok ? [] : [o.failure]));
      if (failed.length > 0) hooks.emit('parse:error', { provider, attempt, failures: failed });
      const stopError = stopReasonError(turn, slots, attempt);
      if (stopError) throw stopError;

      const pending = slots.failures;
      if (pending.length === 0 && slots.size > 0) {
        return { data: slots.instances, response: lastResponse, usage, attempts: attempt };
      }
      if (attempt > input.maxRetries) throw exhausted(turn, slots, attempt, registry.names);

      hooks.emit('retry', { provider, attempt: attempt + 1, failures: pending });
      const instruction = pendingInstruction(pending, outcomes, registry.names);
      messages.push(...adapter.reaskMessages(turn, toolResults(outcomes, registry.names), instruction));
    }
  } catch (caught) {
    let error = caught;
    // Adapters report a broken stream bare; give the error what was already accepted.
    if (error instanceof ExtractionError && error.code === 'stream_interrupted' && error.attempts === 0) {
      error = new ExtractionError(
        'stream_interrupted',
        `${error.message} (${slots.instances.length} valid call(s) were received before it broke and are in error.results)`,
        {
          failures: slots.failures,
          results: slots.instances,
          response: lastResponse,
          attempts: attempt,
          cause: error.cause,
        },
      );
    }
    hooks.emit('error', { provider, attempt, error });
    throw error;
  }
}

/** Drains a run for callers that want the whole result at once. */
export async function collectExtraction(
  run: AsyncGenerator<object, ExtractionResult<object>>,
): Promise<ExtractionResult<object>> {
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value;
  }
}

function stopReasonError(
  turn: ProviderTurn,
  slots: ResultSlots,
  attempt: number,
): ExtractionError | undefined {
  const details = {
    failures: slots.failures,
    results: slots.instances,
    response: turn.response,
    attempts: attempt,
  };
  switch (turn.stop) {
    case 'refusal':
      return new ExtractionError(
        'refusal',
        `The model refused: ${turn.detail ?? '(no reason given)'}`,
        details,
      );
    case 'blocked':
      return new ExtractionError(
        'blocked',
        `The provider blocked the reply (${turn.detail ?? 'safety'}). Rephrase the request or adjust the provider's safety settings.`,
        details,
      );
    case 'length':
      return new ExtractionError(
        'incomplete_output',
        'The reply was cut off by the output token limit before every call was complete. Raise the max tokens setting ' +
          `(${slots.instances.length} valid call(s) are in error.results).`,
        details,
      );
    default:
      return undefined;
  }
}

function exhausted(
  turn: ProviderTurn,
  slots: ResultSlots,
  attempts: number,
  toolNames: string[],
): ExtractionError {
  const failures = slots.failures;
  const details = { failures, results: slots.instances, response: turn.response, attempts };
  if (slots.size === 0) {
    const said = turn.detail ? ` It answered: ${JSON.stringify(turn.detail.slice(0, 200))}` : '';
    return new ExtractionError(
      'no_tool_calls',
      `The model made no tool call (tools: ${toolNames.join(', ')}) after ${attempts} attempt(s).${said} ` +
        `Ask for the tools explicitly, or allow re-asks with maxRetries.`,
      details,
    );
  }
  const lines = failures.map(
    (f: CallFailure) => `- ${f.name}${f.id ? ` (${f.id})` : ''} #${f.index}: ${f.message}`,
  );
  return new ExtractionError(
    failures[0].code,
    `${failures.length} of ${slots.size} tool call(s) could not be used after ${attempts} attempt(s):\n${lines.join('\n')}\n` +
      `The ${slots.instances.length} valid call(s) are in error.results; raise maxRetries to let the model correct the rest.`,
    details,
  );
}

function addUsage(total: Usage, add: Usage | undefined): void {
  if (!add) return;
  total.promptTokens += add.promptTokens;
  total.completionTokens += add.completionTokens;
  total.totalTokens += add.totalTokens;
}
