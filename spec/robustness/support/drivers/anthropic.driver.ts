import Anthropic from '@anthropic-ai/sdk';
import { fromAnthropic } from 'parallel-tools/anthropic';
import {
  anthropicToolUseMessage,
  anthropicToolUseStream,
  MockAnthropicServer,
  type AnthropicReplyExtra,
} from 'parallel-tools/testing';
import {
  MODEL,
  type Driver,
  type DriverTraits,
  type ReplyShape,
  type SdkKnobs,
  type WireCall,
} from './driver';

type Block = Record<string, any>;

/**
 * Anthropic Messages: `input` is an object in a whole reply and JSON text only in a stream, ids
 * answered one by one, refusals as a stop reason, SDK retries; no filter stop.
 */
export const ANTHROPIC_TRAITS: DriverTraits = {
  textArguments: ['stream'],
  callIds: true,
  refusal: true,
  sdkRetries: true,
  maxStreamEventBytes: Infinity,
  blockedDetail: /blocked/,
  nullArgumentsMeanNone: false,
  filterStop: false,
};

/** Anthropic Messages through `@anthropic-ai/sdk` (`Mode.ANTHROPIC_PARALLEL_TOOLS`). */
export async function anthropicDriver(): Promise<Driver> {
  const server = await MockAnthropicServer.start();
  const extra = (shape: ReplyShape): AnthropicReplyExtra => {
    const text = [shape.text, shape.refusal].filter((t) => t !== undefined).join(' ');
    return {
      ...(text !== '' ? { text } : {}),
      ...(shape.refusal !== undefined ? { stop_reason: 'refusal' as const } : {}),
      ...(shape.stop === 'length' ? { stop_reason: 'max_tokens' as const } : {}),
    };
  };
  const chunks = (shape: ReplyShape): object[] => {
    const longest = Math.max(0, ...shape.calls.map((c) => (c.raw ?? JSON.stringify(c.args) ?? '').length));
    const many = shape.calls.length > 100;
    const events = anthropicToolUseStream(
      shape.calls.map((c) => ({
        name: c.name,
        input: c.raw ?? streamedInput(c.args),
        id: c.id ?? undefined,
      })),
      {
        ...extra(shape),
        fragments: many ? 1 : Math.min(32, Math.max(3, Math.ceil(longest / 16))),
        pings: !many,
      },
    );
    const starts = events.filter(
      (e: Block) => e.type === 'content_block_start' && e.content_block?.type === 'tool_use',
    );
    dropIds(
      starts.map((e: Block) => e.content_block),
      shape.calls,
    );
    return events;
  };
  const whole = (shape: ReplyShape): Block => {
    const message = anthropicToolUseMessage(
      shape.calls.map((c) => ({
        name: c.name,
        input: inputOf(c) as object | undefined,
        id: c.id ?? undefined,
      })),
      extra(shape),
    );
    const blocks = message.content.filter((b: Block) => b.type === 'tool_use');
    dropIds(blocks, shape.calls);
    // The builder writes a missing input as {}: a row's `null` or non-object input goes on the wire as it is.
    blocks.forEach((block: Block, i: number) => {
      const args = shape.calls[i].raw === undefined ? shape.calls[i].args : inputOf(shape.calls[i]);
      if (args === null || (args !== undefined && typeof args !== 'object')) block.input = args;
    });
    return message;
  };
  const reply = (shape: ReplyShape, transport: 'json' | 'stream') =>
    transport === 'stream' ? { sse: chunks(shape) } : { json: whole(shape) };
  return {
    name: 'anthropic',
    server,
    traits: ANTHROPIC_TRAITS,
    sdkErrors: {
      connectionCut: { class: Anthropic.APIConnectionError },
      http500: { class: Anthropic.InternalServerError, status: 500 },
      http429: { class: Anthropic.RateLimitError, status: 429 },
      timeout: { class: Anthropic.APIConnectionError },
      abort: { class: Anthropic.APIUserAbortError },
    },
    reply,
    chunks,
    afterFirstCall(all) {
      const tools = new Set<number>();
      return (
        all.findIndex((e: any) => {
          if (e.type === 'content_block_start' && e.content_block?.type === 'tool_use') tools.add(e.index);
          return e.type === 'content_block_stop' && tools.has(e.index);
        }) + 1
      );
    },
    verbatim(calls, transport) {
      if (transport === 'stream')
        return reply({ calls: calls.map((c) => ({ name: c.name, raw: c.json })) }, transport);
      // A whole reply carries each input as an object: the JSON text goes into the body as it is.
      const marked = whole({ calls: calls.map((c, i) => ({ name: c.name, args: { __verbatim: i } })) });
      let body = JSON.stringify(marked);
      calls.forEach((c, i) => (body = body.replace(`{"__verbatim":${i}}`, () => c.json)));
      return { status: 200, body, headers: { 'content-type': 'application/json' } };
    },
    reaskIds(body) {
      const messages = body.messages as Block[];
      const at = messages.map((m) => m.role).lastIndexOf('assistant');
      const blocks = (m: Block | undefined) => (Array.isArray(m?.content) ? (m!.content as Block[]) : []);
      return {
        echoed: blocks(messages[at])
          .filter((b) => b.type === 'tool_use')
          .map((b) => b.id),
        answered: blocks(messages[at + 1])
          .filter((b) => b.type === 'tool_result')
          .map((b) => b.tool_use_id),
      };
    },
    extractor: (options = {}, sdk = {}) =>
      fromAnthropic(anthropicClient(server, sdk), { model: MODEL, ...options }),
    close: () => server.close(),
  };
}

/** A whole reply's input: the object, or the row's JSON text parsed (whole replies carry no text). */
function inputOf(call: WireCall): unknown {
  if (call.raw === undefined) return call.args;
  return JSON.parse(call.raw) as unknown;
}

/** A row's input as the stream's JSON text: `null` and scalars too (the builder writes only objects). */
function streamedInput(args: unknown): object | string | undefined {
  return args === null || (args !== undefined && typeof args !== 'object')
    ? JSON.stringify(args)
    : (args as object);
}

/** `id: null` leaves the id out of the wire. */
function dropIds(blocks: Block[], calls: WireCall[]): void {
  blocks.forEach((block, i) => {
    if (calls[i]?.id === null) delete block.id;
  });
}

function anthropicClient(server: MockAnthropicServer, sdk: SdkKnobs): Anthropic {
  return new Anthropic({
    baseURL: server.baseURL,
    apiKey: 'test',
    maxRetries: sdk.retries ?? 0,
    timeout: sdk.timeout,
    logLevel: 'off',
  });
}
