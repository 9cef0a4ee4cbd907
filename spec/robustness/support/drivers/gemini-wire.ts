import {
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  type ScriptedReply,
} from 'parallel-tools/testing';
import { packed, type Driver, type DriverTraits, type ReplyShape, type Transport } from './driver';

/** What the two Google SDKs share: the Gemini wire format and its traits. */
export function geminiWire(): Pick<Driver, 'reply' | 'chunks' | 'afterFirstCall' | 'verbatim' | 'reaskIds'> {
  const calls = (shape: ReplyShape) =>
    shape.calls.map((c) => {
      if (c.raw !== undefined)
        throw new Error('Gemini sends arguments as objects: a raw-text row is not for it');
      return { name: c.name, args: c.args as object };
    });
  const extra = (shape: ReplyShape) => ({
    text: shape.text,
    finishReason: shape.stop === 'length' ? 'MAX_TOKENS' : shape.stop === 'blocked' ? 'SAFETY' : undefined,
  });
  // `args: undefined` must leave the key out, as the API does for a call without arguments.
  const strip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const chunks = (shape: ReplyShape) =>
    packed(
      strip(geminiFunctionCallsStream(calls(shape), extra(shape))),
      () => true,
      (group: any[]) => {
        const last = group[group.length - 1];
        const parts = group.flatMap((c) => c.candidates[0].content.parts);
        return { ...last, candidates: [{ ...last.candidates[0], content: { role: 'model', parts } }] };
      },
    );
  return {
    reply(shape, transport) {
      if (transport === 'stream') return { sse: chunks(shape) };
      return { json: strip(geminiFunctionCallsResponse(calls(shape), extra(shape))) };
    },
    chunks,
    afterFirstCall: () => 1,
    // Written by hand: JSON.stringify cannot write 100,000 levels (it recurses).
    verbatim(list, transport: Transport): ScriptedReply {
      const parts = list.map((c) => `{"functionCall":{"name":${JSON.stringify(c.name)},"args":${c.json}}}`);
      const body = `{"candidates":[{"content":{"role":"model","parts":[${parts.join(',')}]},"finishReason":"STOP","index":0}]}`;
      if (transport === 'stream') return { sse: [body] };
      return { status: 200, body, headers: { 'content-type': 'application/json' } };
    },
    reaskIds: () => ({ echoed: [], answered: [] }),
  };
}

/** Gemini has no call ids to answer, no refusal, and one stream event per chunk that the SDKs parse slowly. */
export const GEMINI_TRAITS: DriverTraits = {
  textArguments: [],
  callIds: false,
  refusal: false,
  sdkRetries: false,
  // The Google SDKs read one SSE event in superlinear time (6.5 s for 20 MB, before this library sees a byte).
  maxStreamEventBytes: 2 * 1024 * 1024,
  blockedDetail: /blocked the reply \(SAFETY\)/,
  nullArgumentsMeanNone: true,
  filterStop: true,
};
