import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsCompletion, openAIToolCallsStream } from 'parallel-tools/testing';
import {
  MODEL,
  packed,
  type Driver,
  type DriverTraits,
  type ReplyShape,
  type SdkKnobs,
  type WireCall,
} from './driver';

/** Chat completions: text arguments, call ids, refusals, SDK retries. */
export const OPENAI_CHAT_TRAITS: DriverTraits = {
  textArguments: ['json', 'stream'],
  callIds: true,
  refusal: true,
  sdkRetries: true,
  maxStreamEventBytes: Infinity,
  blockedDetail: /blocked the reply \(safety\)/,
  nullArgumentsMeanNone: false,
  filterStop: true,
};

/** OpenAI chat completions through the `openai` SDK. */
export async function openAIChatDriver(): Promise<Driver> {
  const server = await MockOpenAIServer.start();
  const spec = (c: WireCall) => ({
    name: c.name,
    arguments: c.raw ?? (c.args as object),
    id: c.id ?? undefined,
  });
  const finish = (shape: ReplyShape) =>
    shape.stop === 'length' ? 'length' : shape.stop === 'blocked' ? 'content_filter' : undefined;
  const chunks = (shape: ReplyShape): object[] => {
    // Small fragments split JSON tokens as the real API does; huge arguments come in ~32 of them.
    const longest = Math.max(0, ...shape.calls.map((c) => (c.raw ?? JSON.stringify(c.args) ?? '').length));
    const argumentChunkSize = Math.max(16, Math.ceil(longest / 32));
    const out = openAIToolCallsStream(shape.calls.map(spec), {
      finish_reason: finish(shape),
      argumentChunkSize,
    });
    const extra = { content: shape.text, refusal: shape.refusal };
    if (extra.content !== undefined || extra.refusal !== undefined) {
      const head = out[0];
      out.splice(1, 0, {
        ...head,
        choices: [{ index: 0, delta: extra, logprobs: null, finish_reason: null }],
      });
    }
    dropIds(out, shape.calls);
    return packed(
      out,
      (c: any) => !c.choices?.[0]?.finish_reason && c.choices?.[0]?.delta?.tool_calls,
      (group: any[]) => ({
        ...group[0],
        choices: [
          {
            ...group[0].choices[0],
            delta: { tool_calls: group.flatMap((c) => c.choices[0].delta.tool_calls) },
          },
        ],
      }),
    );
  };
  const reply = (shape: ReplyShape, transport: 'json' | 'stream') => {
    if (transport === 'stream') return { sse: chunks(shape) };
    const json = openAIToolCallsCompletion(shape.calls.map(spec), {
      finish_reason: finish(shape),
      content: shape.text,
      refusal: shape.refusal,
    });
    dropIds(json, shape.calls);
    return { json };
  };
  return {
    name: 'openai',
    server,
    traits: OPENAI_CHAT_TRAITS,
    sdkErrors: OPENAI_SDK_ERRORS,
    reply,
    chunks,
    afterFirstCall: (all) =>
      all.findIndex((c: any) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1) + 1,
    verbatim: (calls, transport) =>
      reply({ calls: calls.map((c) => ({ name: c.name, raw: c.json })) }, transport),
    reaskIds(body) {
      const messages = body.messages as any[];
      const assistant = messages.find((m) => m.role === 'assistant');
      return {
        echoed: (assistant?.tool_calls ?? []).map((c: any) => c.id),
        answered: messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id),
      };
    },
    extractor: (options = {}, sdk = {}) =>
      fromOpenAI(openAIClient(server, sdk), { model: MODEL, ...options }),
    close: () => server.close(),
  };
}

/** The `openai` SDK's errors for the transport faults, whichever OpenAI API a driver speaks. */
export const OPENAI_SDK_ERRORS: Driver['sdkErrors'] = {
  connectionCut: { class: OpenAI.APIConnectionError },
  http500: { class: OpenAI.InternalServerError, status: 500 },
  http429: { class: OpenAI.RateLimitError, status: 429 },
  // APIConnectionTimeoutError outside Jest; under Jest the abort comes from another realm and
  // the SDK reports its parent class. Either way: the SDK's error, in about 200 ms.
  timeout: { class: OpenAI.APIConnectionError },
  abort: { class: OpenAI.APIUserAbortError },
};

/** A real `openai` client aimed at the local server, with the row's SDK knobs. */
export function openAIClient(server: MockOpenAIServer, sdk: SdkKnobs): OpenAI {
  return new OpenAI({
    baseURL: server.baseURL,
    apiKey: 'test',
    maxRetries: sdk.retries ?? 0,
    timeout: sdk.timeout,
    logLevel: 'off',
  });
}

/** `openai-replies` always writes an id; a row with `id: null` wants it gone from the wire. */
function dropIds(value: unknown, calls: WireCall[]): void {
  const walk = (node: any): void => {
    if (Array.isArray(node?.tool_calls)) {
      for (const tc of node.tool_calls)
        if (calls[tc.index ?? node.tool_calls.indexOf(tc)]?.id === null) delete tc.id;
    }
    for (const child of Object.values(node ?? {})) if (child && typeof child === 'object') walk(child);
  };
  walk(value);
}
