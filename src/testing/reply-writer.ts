import type { ServerResponse } from 'node:http';
import { isSseGate, type Latency, type ScriptedReply, type SseItem } from './scripted-reply';
import type { TimerScope } from './timer-scope';

/** What a server tells the writer about the request being answered. @internal */
export interface ReplyContext {
  timers: TimerScope;
  /** The server's default latency merged with the reply's own. */
  latency: Latency;
  /** Whether the request asked for a stream (decides what a malformed body looks like). */
  streaming: boolean;
  /** Sent after the last SSE chunk unless the reply says `done: false` (OpenAI's `[DONE]`). */
  doneMarker?: string;
  /** The provider's error body for a scripted status without a body. */
  errorBody(status: number, message: string): unknown;
  /** The `event:` name to send before an SSE payload (protocols that name their events). */
  eventName?(payload: string | object): string | undefined;
  /**
   * The `event:` name of a malformed stream's one event, for clients that skip unnamed events
   * (the Anthropic SDK) and would otherwise never see the broken data.
   */
  malformedEventName?: string;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Writes one scripted reply to `res`, honouring latency and faults. @internal */
export async function writeReply(
  res: ServerResponse,
  reply: ScriptedReply,
  ctx: ReplyContext,
): Promise<void> {
  if ('fault' in reply && reply.fault === 'never-respond') return;
  await ctx.timers.sleep(ctx.latency.firstByteMs);
  if (stopped(res, ctx)) return;

  if ('fault' in reply && reply.fault === 'cut-connection') {
    if (reply.sse) {
      openStream(res, 200, {});
      await writeChunks(res, reply.sse.slice(0, reply.afterChunks ?? 0), ctx);
    }
    res.destroy();
  } else if ('fault' in reply) {
    // Cut mid-value so that every JSON parser fails, whichever framing the client expects.
    const event = ctx.malformedEventName ? `event: ${ctx.malformedEventName}\n` : '';
    if (ctx.streaming) openStream(res, 200, {}).end(`${event}data: {"malformed": \n\n`);
    else res.writeHead(200, JSON_HEADERS).end('{"malformed": ');
  } else if ('sse' in reply) {
    openStream(res, reply.status ?? 200, reply.headers ?? {});
    const finished = await writeChunks(res, reply.sse, ctx);
    if (!finished) return;
    if (ctx.doneMarker !== undefined && reply.done !== false) {
      await writeChunks(res, [ctx.doneMarker], ctx, true);
    }
    if (!stopped(res, ctx)) res.end();
  } else if ('json' in reply) {
    sendBody(res, reply.status ?? 200, reply.json, reply.headers);
  } else {
    const body = reply.body ?? ctx.errorBody(reply.status, `Scripted HTTP ${reply.status} error`);
    sendBody(res, reply.status, body, reply.headers);
  }
}

/** Sends a whole body at once: strings as plain text, anything else as JSON. */
function sendBody(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string';
  res.writeHead(status, { ...(text ? { 'content-type': 'text/plain' } : JSON_HEADERS), ...headers });
  res.end(text ? body : JSON.stringify(body));
}

function openStream(res: ServerResponse, status: number, headers: Record<string, string>): ServerResponse {
  res.writeHead(status, { ...SSE_HEADERS, ...headers });
  // Clients resolve their request promise on the headers; do not hold them back until the first chunk.
  res.flushHeaders();
  return res;
}

/**
 * Writes SSE events with the between-chunk delay; `continuing` when earlier chunks were already
 * sent. Returns false when the stream was cut (a gate
 * rejected, the client went away, or the server closed) and the caller must stop writing.
 */
async function writeChunks(
  res: ServerResponse,
  items: SseItem[],
  ctx: ReplyContext,
  continuing = false,
): Promise<boolean> {
  // The between-chunk delay goes before every chunk but a stream's very first one.
  let first = !continuing;
  for (const item of items) {
    if (isSseGate(item)) {
      const gate = typeof item.gate === 'function' ? item.gate() : item.gate;
      const released = await ctx.timers.until(gate).then(
        () => true,
        () => false,
      );
      if (!released) res.destroy();
    } else {
      if (!first) await ctx.timers.sleep(ctx.latency.betweenChunksMs);
      first = false;
      if (stopped(res, ctx)) break;
      // Wait for the flush: a cut-connection fault destroys the socket next, dropping unsent data.
      const event = ctx.eventName?.(item);
      const data = typeof item === 'string' ? item : JSON.stringify(item);
      await send(res, `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
    }
    if (stopped(res, ctx)) break;
  }
  return !stopped(res, ctx);
}

function send(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => res.write(data, () => resolve()));
}

function stopped(res: ServerResponse, ctx: ReplyContext): boolean {
  return res.destroyed || ctx.timers.isDisposed;
}
