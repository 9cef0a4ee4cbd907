import type { Extractor, ExtractorOptions } from 'parallel-tools';
import type { MockHttpServer, ScriptedReply } from 'parallel-tools/testing';

export type Transport = 'json' | 'stream';

/**
 * A call as a contract row scripts it. `args` travels in the provider's own form (JSON text or an
 * object); `raw` is argument text sent verbatim, for drivers whose wire carries text
 * (`traits.textArguments`); `id: null` leaves the id out of the wire.
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
  /** A refusal, for drivers whose protocol has one (`traits.refusal`). */
  refusal?: string;
}

/** Knobs of the SDK client itself (not of this library). */
export interface SdkKnobs {
  /** Request timeout in ms. */
  timeout?: number;
  /** Retries the SDK makes on its own (`traits.sdkRetries`). */
  retries?: number;
}

/** What the SDK itself throws in a row (its errors pass through this library unchanged). */
export interface SdkErrorShape {
  class?: Function;
  name?: string;
  message?: RegExp;
  status?: number;
}

/** What a provider's protocol and SDK can do, so that rows ask for a capability, not a name. */
export interface DriverTraits {
  /** The transports in which call arguments travel as JSON text (rows with `raw` text run there). */
  textArguments: readonly Transport[];
  /** Whether the wire carries call ids that a re-ask must answer one by one. */
  callIds: boolean;
  /** Whether the protocol has a refusal the driver can script. */
  refusal: boolean;
  /** Whether the SDK retries HTTP 429 and 500 itself (`SdkKnobs.retries`). */
  sdkRetries: boolean;
  /** The largest arguments a streamed event may carry in a row (some SDKs parse huge events slowly). */
  maxStreamEventBytes: number;
  /** How a blocked reply's message names the filter. */
  blockedDetail: RegExp;
  /** Whether `null` arguments read as no arguments at all (Gemini has no null Struct). */
  nullArgumentsMeanNone: boolean;
  /** Whether the protocol has a filter stop the driver can script (`stop: 'blocked'`); Anthropic has none. */
  filterStop: boolean;
}

/** A driver as the suite lists it: its traits known before any server starts (rows are chosen by them). */
export interface DriverEntry {
  readonly traits: DriverTraits;
  start(): Promise<Driver>;
}

/** The SDK's own errors for the transport faults every driver is put through. */
export interface DriverSdkErrors {
  /** The connection cut before any byte of a whole reply. */
  connectionCut: SdkErrorShape;
  /** HTTP 500 with no SDK retries. */
  http500: SdkErrorShape;
  /** HTTP 429 after the SDK's own retries ran out (or at once without retries). */
  http429: SdkErrorShape;
  /** The SDK's request timeout on a server that never answers. */
  timeout: SdkErrorShape;
  /** The caller's AbortSignal on a server that never answers. */
  abort: SdkErrorShape;
}

/**
 * Everything the contract suite needs from one provider: its server, its wire format, an extractor
 * over its real SDK, and what it can do. A new provider plugs in by writing one driver file and
 * adding it to `DRIVERS` (./index.ts); no row names a provider except rows of its own protocol.
 */
export interface Driver {
  readonly name: string;
  readonly server: MockHttpServer;
  readonly traits: DriverTraits;
  readonly sdkErrors: DriverSdkErrors;
  /** A complete reply. */
  reply(shape: ReplyShape, transport: Transport): ScriptedReply;
  /** The SSE payloads of a streamed reply (for rows that cut or corrupt a stream mid-way). */
  chunks(shape: ReplyShape): Array<string | object>;
  /** How many chunks of `chunks(...)` complete its first call without completing the second. */
  afterFirstCall(chunks: ReadonlyArray<string | object>): number;
  /**
   * A reply whose arguments are the given JSON texts, written into the body verbatim: hostile
   * text (100,000 levels, own `__proto__` keys) that no `JSON.stringify` would produce.
   */
  verbatim(calls: Array<{ name: string; json: string }>, transport: Transport): ScriptedReply;
  /** The call ids the re-ask echoed in the model's turn and the ids its tool results answered. */
  reaskIds(requestBody: any): { echoed: string[]; answered: string[] };
  /** An extractor over a real SDK client aimed at the server. */
  extractor(options?: ExtractorOptions, sdk?: SdkKnobs): Extractor;
  close(): Promise<void>;
}

export const MODEL = 'test-model';

/**
 * Merges runs of consecutive packable chunks so that a reply is at most ~200 SSE events: one event
 * may carry many call deltas or parts, and 10,000 calls stay fast to replay.
 */
export function packed<T>(
  chunks: T[],
  packable: (chunk: T) => unknown,
  merge: (group: T[]) => T,
  max = 200,
): T[] {
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
