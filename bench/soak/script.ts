import {
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  openAIToolCallsCompletion,
  openAIToolCallsStream,
  type ScriptedReply,
} from 'parallel-tools/testing';
import { broken, type CallSpec, type Plan } from './plan';

/**
 * The replies scripted for one plan, in the provider's wire format. `yielded` resolves when the
 * first instance reached the caller: a cut mid-stream waits for it, so that it cuts after the
 * first call whatever the SDK buffers.
 */
export function scriptFor(plan: Plan, yielded: Promise<void>): ScriptedReply[] {
  const { calls, fault } = plan;
  const reply = (specs: CallSpec[]) => replyOf(plan, specs);
  switch (fault) {
    case undefined:
      return [reply(calls)];
    case 'cut-mid-stream': {
      const chunks = chunksOf(plan, calls);
      const sent =
        plan.provider === 'openai'
          ? chunks.findIndex((c) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1) + 1
          : 1;
      // Cut once the first call has reached the caller (a bound keeps a broken run from hanging).
      const gate = { gate: () => Promise.race([yielded, sleep(2000)]) };
      return [
        {
          fault: 'cut-connection',
          sse: [...chunks.slice(0, sent), gate, ...chunks.slice(sent)],
          afterChunks: sent + 1,
        },
      ];
    }
    case 'malformed-body':
      return [{ fault: 'malformed-body' }];
    case 'http-500':
    case 'http-429': {
      const error = { status: fault === 'http-500' ? 500 : 429, headers: { 'retry-after-ms': '1' } };
      return plan.provider === 'vertexai' ? [error] : [error, reply(calls)];
    }
    case 'invalid-arguments':
      return [reply([broken(calls[0]), ...calls.slice(1)]), reply([calls[0]])];
    case 'unknown-tool': {
      const withUnknown: CallSpec[] = [...calls];
      withUnknown.splice(plan.id % (calls.length + 1), 0, {
        name: 'BookFlight' as CallSpec['name'],
        args: { to: 'Lisbon' },
      });
      return [reply(withUnknown)];
    }
    case 'never-respond':
      return [{ fault: 'never-respond' }];
  }
}

function replyOf(plan: Plan, specs: CallSpec[]): ScriptedReply {
  if (plan.transport === 'stream') return { sse: chunksOf(plan, specs) };
  if (plan.provider === 'openai')
    return { json: openAIToolCallsCompletion(specs.map((c) => ({ name: c.name, arguments: c.args }))) };
  return { json: geminiFunctionCallsResponse(specs) };
}

function chunksOf(plan: Plan, specs: CallSpec[]): Array<Record<string, any>> {
  if (plan.provider === 'openai')
    return openAIToolCallsStream(specs.map((c) => ({ name: c.name, arguments: c.args })));
  return geminiFunctionCallsStream(specs);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
