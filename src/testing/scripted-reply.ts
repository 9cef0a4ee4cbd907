/** Simulated network delay for one reply; unset fields fall back to the server's default latency. */
export interface Latency {
  /** Milliseconds between receiving the request and writing the status line. */
  firstByteMs?: number;
  /** Milliseconds between two SSE chunks. */
  betweenChunksMs?: number;
}

/**
 * A point in an SSE script where the server holds the rest of the stream until `gate` resolves.
 * A function is called only when the stream reaches the gate, so a test can tell that it got there.
 * A rejected gate cuts the connection.
 */
export interface SseGate {
  gate: Promise<unknown> | (() => Promise<unknown>);
}

/** One SSE event payload: an object is JSON-encoded, a string is sent verbatim, a gate pauses the stream. */
export type SseItem = string | object | SseGate;

/** A single JSON body (status 200 unless given). */
export interface JsonReply {
  json: unknown;
  status?: number;
  headers?: Record<string, string>;
  latency?: Latency;
}

/** A `text/event-stream` reply; `done: false` stops the OpenAI server from appending `data: [DONE]`. */
export interface SseReply {
  sse: SseItem[];
  status?: number;
  headers?: Record<string, string>;
  latency?: Latency;
  done?: boolean;
}

/** An HTTP error; without `body` the server sends its provider's usual error shape. */
export interface ErrorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  latency?: Latency;
}

/**
 * A connection dropped by the server. Without `sse` the socket is destroyed before any byte is
 * written (the SDK sees a network error and may retry); with `sse` the 200 headers and the first
 * `afterChunks` chunks (default 0) are sent, then the socket is destroyed mid-body.
 */
export interface CutConnectionFault {
  fault: 'cut-connection';
  afterChunks?: number;
  sse?: Array<string | object>;
  latency?: Latency;
}

/** A 200 whose body does not parse: truncated JSON, or a truncated SSE event for a streaming request. */
export interface MalformedBodyFault {
  fault: 'malformed-body';
  latency?: Latency;
}

/** The request is accepted and never answered; `close()` destroys its socket. */
export interface NeverRespondFault {
  fault: 'never-respond';
}

/** One scripted answer, consumed by exactly one request. */
export type ScriptedReply =
  JsonReply | SseReply | ErrorReply | CutConnectionFault | MalformedBodyFault | NeverRespondFault;

/** A request as the mock server received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Path plus query string, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: any;
  rawBody: string;
}

/** Options shared by every mock server. */
export interface MockServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default latency for every reply; a reply's own `latency` overrides it field by field. */
  latency?: Latency;
  /** Reply used when the queue is empty; default: a 500 error saying that the script ran out. */
  fallback?: ScriptedReply;
}

/** Tells an SSE gate from an ordinary chunk object. */
export function isSseGate(item: unknown): item is SseGate {
  if (typeof item !== 'object' || item === null || !('gate' in item)) return false;
  const gate = (item as SseGate).gate;
  return typeof gate === 'function' || typeof (gate as Promise<unknown>)?.then === 'function';
}
