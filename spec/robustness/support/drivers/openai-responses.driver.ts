import { Mode } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import {
  MockOpenAIServer,
  responsesFunctionCallsResponse,
  responsesFunctionCallsStream,
  type ResponsesReplyExtra,
} from 'parallel-tools/testing';
import { MODEL, type Driver, type DriverTraits, type ReplyShape, type WireCall } from './driver';
import { OPENAI_SDK_ERRORS, openAIClient } from './openai-chat.driver';

/** The Responses API: text arguments, `call_id`s answered one by one, refusal parts, SDK retries. */
export const OPENAI_RESPONSES_TRAITS: DriverTraits = {
  textArguments: ['json', 'stream'],
  callIds: true,
  refusal: true,
  sdkRetries: true,
  maxStreamEventBytes: Infinity,
  blockedDetail: /blocked the reply \(content_filter\)/,
  nullArgumentsMeanNone: false,
  filterStop: true,
};

/** The OpenAI Responses API through the `openai` SDK (`Mode.RESPONSES_PARALLEL_TOOLS`). */
export async function openAIResponsesDriver(): Promise<Driver> {
  const server = await MockOpenAIServer.start();
  const spec = (c: WireCall) => ({
    name: c.name,
    arguments: c.raw ?? (c.args as object),
    // `id: null` leaves the call_id out of the wire; an id given is the call_id.
    ...(c.id === undefined ? {} : { callId: c.id }),
  });
  const extra = (shape: ReplyShape): ResponsesReplyExtra => ({
    ...(shape.stop ? { status: 'incomplete' as const } : {}),
    ...(shape.stop === 'blocked' ? { incompleteReason: 'content_filter' as const } : {}),
    text: shape.text,
    refusal: shape.refusal,
  });
  const chunks = (shape: ReplyShape): object[] => {
    // Small fragments split JSON tokens as the real API does; huge arguments come in ~32 of them.
    const longest = Math.max(0, ...shape.calls.map((c) => (c.raw ?? JSON.stringify(c.args) ?? '').length));
    return responsesFunctionCallsStream(shape.calls.map(spec), {
      ...extra(shape),
      argumentChunkSize: Math.max(16, Math.ceil(longest / 32)),
    });
  };
  const reply = (shape: ReplyShape, transport: 'json' | 'stream') =>
    transport === 'stream'
      ? { sse: chunks(shape) }
      : { json: responsesFunctionCallsResponse(shape.calls.map(spec), extra(shape)) };
  return {
    name: 'openai-responses',
    server,
    traits: OPENAI_RESPONSES_TRAITS,
    sdkErrors: OPENAI_SDK_ERRORS,
    reply,
    chunks,
    afterFirstCall: (all) =>
      all.findIndex((e: any) => e.type === 'response.output_item.done' && e.item?.type === 'function_call') +
      1,
    verbatim: (calls, transport) =>
      reply({ calls: calls.map((c) => ({ name: c.name, raw: c.json })) }, transport),
    reaskIds(body) {
      const input = body.input as any[];
      return {
        echoed: input.filter((i) => i.type === 'function_call').map((i) => i.call_id),
        answered: input.filter((i) => i.type === 'function_call_output').map((i) => i.call_id),
      };
    },
    extractor: (options = {}, sdk = {}) =>
      fromOpenAI(openAIClient(server, sdk), {
        mode: Mode.RESPONSES_PARALLEL_TOOLS,
        model: MODEL,
        ...options,
      }),
    close: () => server.close(),
  };
}
