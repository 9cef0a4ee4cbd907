import { VertexAI } from '@google-cloud/vertexai';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { Extractor, ExtractorOptions } from 'parallel-tools';
import { fromGenAI } from 'parallel-tools/genai';
import { fromOpenAI } from 'parallel-tools/openai';
import {
  genAITestOptions,
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  MockGeminiServer,
  MockOpenAIServer,
  openAIToolCallsCompletion,
  openAIToolCallsStream,
  vertexAIFetchRedirect,
  type MockHttpServer,
  type ScriptedReply,
} from 'parallel-tools/testing';
import { fromVertexAI } from 'parallel-tools/vertexai';

export type ProviderName = 'openai' | 'genai' | 'vertexai';
export type Transport = 'json' | 'stream';

/**
 * A call as a matrix row scripts it. `args` travels as JSON on OpenAI and as an object on Gemini;
 * `raw` is OpenAI's argument text sent verbatim (Gemini has no text form); `id: null` leaves the
 * id out of the wire.
 */
export interface WireCall {
  name: string;
  args?: unknown;
  raw?: string;
  id?: string | null;
}

/** One model reply in provider-neutral terms; each driver writes it in its own wire format. */
export interface ReplyShape {
  calls: WireCall[];
  /** How the reply ended, when not normally: cut by the token limit or blocked by a filter. */
  stop?: 'length' | 'blocked';
  /** Text beside (or instead of) the calls. */
  text?: string;
  /** OpenAI only. */
  refusal?: string;
}

/** Knobs of the SDK client itself (not of this library). */
export interface SdkKnobs {
  /** Request timeout in ms. */
  timeout?: number;
  /** Retries the SDK makes on its own (OpenAI `maxRetries`, Gen AI `retryOptions`); Vertex has none. */
  retries?: number;
}

/** Everything a matrix row needs from one provider: its server, its wire format, an extractor. */
export interface Driver {
  readonly name: ProviderName;
  readonly server: MockHttpServer;
  /** A complete reply. */
  reply(shape: ReplyShape, transport: Transport): ScriptedReply;
  /** The SSE payloads of a streamed reply (for rows that cut or corrupt a stream mid-way). */
  chunks(shape: ReplyShape): object[];
  /** An extractor over a real SDK client aimed at the server. */
  extractor(options?: ExtractorOptions, sdk?: SdkKnobs): Extractor;
  close(): Promise<void>;
}

const MODEL = 'test-model';

/** OpenAI chat completions through the `openai` SDK. */
export async function openAIDriver(): Promise<Driver> {
  const server = await MockOpenAIServer.start();
  const spec = (c: WireCall) => ({
    name: c.name,
    arguments: c.raw ?? (c.args as object),
    id: c.id ?? undefined,
  });
  const dropIds = (value: unknown, calls: WireCall[]): void => {
    // `openai-replies` always writes an id; a row with `id: null` wants it gone from the wire.
    const walk = (node: any): void => {
      if (Array.isArray(node?.tool_calls)) {
        for (const tc of node.tool_calls)
          if (calls[tc.index ?? node.tool_calls.indexOf(tc)]?.id === null) delete tc.id;
      }
      for (const child of Object.values(node ?? {})) if (child && typeof child === 'object') walk(child);
    };
    walk(value);
  };
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
  return {
    name: 'openai',
    server,
    reply(shape, transport) {
      if (transport === 'stream') return { sse: chunks(shape) };
      const json = openAIToolCallsCompletion(shape.calls.map(spec), {
        finish_reason: finish(shape),
        content: shape.text,
        refusal: shape.refusal,
      });
      dropIds(json, shape.calls);
      return { json };
    },
    chunks,
    extractor(options = {}, sdk = {}) {
      const client = new OpenAI({
        baseURL: server.baseURL,
        apiKey: 'test',
        maxRetries: sdk.retries ?? 0,
        timeout: sdk.timeout,
        logLevel: 'off',
      });
      return fromOpenAI(client, { model: MODEL, ...options });
    },
    close: () => server.close(),
  };
}

/** Gemini replies for both Google SDKs. */
function geminiWire(): Pick<Driver, 'reply' | 'chunks'> {
  const calls = (shape: ReplyShape) =>
    shape.calls.map((c) => {
      if (c.raw !== undefined)
        throw new Error('Gemini sends arguments as objects: a raw-text row is OpenAI only');
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
  };
}

/** Gemini through `@google/genai` (Gemini API mode). */
export async function genAIDriver(): Promise<Driver> {
  const server = await MockGeminiServer.start();
  return {
    name: 'genai',
    server,
    ...geminiWire(),
    extractor(options = {}, sdk = {}) {
      const base = genAITestOptions(server);
      const retryOptions =
        sdk.retries === undefined ? undefined : { attempts: sdk.retries + 1, initialDelay: 0.005, jitter: 0 };
      const ai = new GoogleGenAI({
        ...base,
        httpOptions: { ...base.httpOptions, timeout: sdk.timeout, retryOptions },
      });
      return fromGenAI(ai, { model: MODEL, ...options });
    },
    close: () => server.close(),
  };
}

/** Gemini through `@google-cloud/vertexai` (which builds https URLs only: fetch is redirected). */
export async function vertexAIDriver(): Promise<Driver> {
  const server = await MockGeminiServer.start();
  const redirect = vertexAIFetchRedirect(server);
  return {
    name: 'vertexai',
    server,
    ...geminiWire(),
    extractor(options = {}, sdk = {}) {
      // The SDK's constructor prints a deprecation notice each time; it says nothing about the test.
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const vertex = new VertexAI({ project: 'test-project', location: 'us-central1', ...redirect.init });
        const model = vertex.getGenerativeModel({ model: MODEL }, { timeout: sdk.timeout });
        return fromVertexAI(model, options);
      } finally {
        warn.mockRestore();
      }
    },
    async close() {
      redirect.restore();
      await server.close();
    },
  };
}

/**
 * Merges runs of consecutive packable chunks so that a reply is at most ~200 SSE events: one event
 * may carry many call deltas (OpenAI) or parts (Gemini), and 10,000 calls stay fast to replay.
 */
function packed<T>(chunks: T[], packable: (chunk: T) => unknown, merge: (group: T[]) => T, max = 200): T[] {
  const per = Math.ceil(chunks.filter(packable).length / max);
  if (per <= 1) return chunks;
  const out: T[] = [];
  let run: T[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += per) out.push(merge(run.slice(i, i + per)));
    run = [];
  };
  for (const chunk of chunks) {
    if (packable(chunk)) run.push(chunk);
    else {
      flush();
      out.push(chunk);
    }
  }
  flush();
  return out;
}

/** Every provider adapter the matrix covers. */
export const DRIVERS: Record<ProviderName, () => Promise<Driver>> = {
  openai: openAIDriver,
  genai: genAIDriver,
  vertexai: vertexAIDriver,
};
