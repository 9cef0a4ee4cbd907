import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeReply } from './reply-writer';
import type { MockServerOptions, RecordedRequest, ScriptedReply } from './scripted-reply';
import { TimerScope } from './timer-scope';

/**
 * The scripting core shared by the provider mock servers: a `node:http` server on 127.0.0.1 that
 * records every request and answers each one with the next scripted reply. Subclasses only say
 * what their provider's wire protocol looks like (stream detection, error body, `[DONE]`).
 */
export abstract class MockHttpServer {
  /** Every request received so far, in arrival order (by the time its body was complete). */
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  private readonly timers = new TimerScope();
  private readonly server: Server;
  private listeningPort = 0;

  protected constructor(private readonly options: MockServerOptions = {}) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** The port the server listens on (known once `start()` resolved). */
  get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  get origin(): string {
    return `http://127.0.0.1:${this.listeningPort}`;
  }

  /** The base URL to hand to the provider's SDK. */
  abstract get baseURL(): string;

  /** Replies not consumed yet; a test can assert it reaches 0. */
  get pendingReplies(): number {
    return this.queue.length;
  }

  /** Appends replies to the script; each request consumes the next one. */
  enqueue(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /**
   * Forgets the script and the recorded requests, so that one server can serve many tests; a reply
   * a cancelled request never consumed is dropped too.
   */
  reset(): this {
    this.queue.splice(0);
    this.requests.splice(0);
    return this;
  }

  /** Stops listening and destroys every socket, including never-answered requests and open streams. */
  async close(): Promise<void> {
    this.timers.dispose();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Whether the request asks for a streamed answer. */
  protected abstract isStreaming(request: RecordedRequest): boolean;

  /** The provider's error body for an HTTP status. */
  protected abstract errorBody(status: number, message: string): unknown;

  /** The provider's end-of-stream event, if it has one. */
  protected readonly doneMarker: string | undefined = undefined;

  /** The end-of-stream event for one request (a server may speak several protocols). */
  protected doneMarkerFor(_request: RecordedRequest): string | undefined {
    return this.doneMarker;
  }

  /** The `event:` name of one SSE payload, for protocols that name their events; none by default. */
  protected sseEventName(_request: RecordedRequest, _payload: string | object): string | undefined {
    return undefined;
  }

  /** The `event:` name of a malformed stream's event, for protocols whose clients skip unnamed events. */
  protected readonly malformedEventName: string | undefined = undefined;

  /** Lets a provider reshape a reply for the URL it answers (Gemini: JSON on a stream URL). */
  protected adapt(reply: ScriptedReply, _request: RecordedRequest, _streaming: boolean): ScriptedReply {
    return reply;
  }

  /**
   * Lets a provider answer some paths from state of its own instead of the script (the OpenAI
   * batch endpoints); true when it answered.
   */
  protected route(_request: RecordedRequest, _res: ServerResponse): boolean | Promise<boolean> {
    return false;
  }

  protected async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listeningPort = (this.server.address() as AddressInfo).port;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const request = await record(req);
      this.requests.push(request);
      if (await this.route(request, res)) return;
      const streaming = this.isStreaming(request);
      const reply = this.adapt(this.queue.shift() ?? this.fallback(request), request, streaming);
      const latency = { ...this.options.latency, ...('latency' in reply ? reply.latency : undefined) };
      await writeReply(res, reply, {
        timers: this.timers,
        latency,
        streaming,
        doneMarker: this.doneMarkerFor(request),
        errorBody: (status, message) => this.errorBody(status, message),
        eventName: (payload) => this.sseEventName(request, payload),
        malformedEventName: this.malformedEventName,
      });
    } catch {
      // The client went away or a gate threw: nothing sensible is left to send.
      res.destroy();
    }
  }

  private fallback(request: RecordedRequest): ScriptedReply {
    if (this.options.fallback) return this.options.fallback;
    const message =
      `${this.constructor.name}: the script ran out, no reply left for request #${this.requests.length} ` +
      `(${request.method} ${request.url}); enqueue one more reply or set the fallback option`;
    // x-should-retry: false stops the openai and Anthropic SDKs from retrying a test bug with backoff.
    return { status: 500, body: this.errorBody(500, message), headers: { 'x-should-retry': 'false' } };
  }
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = req.url ?? '/';
  return {
    method: req.method ?? 'GET',
    path: url.split('?')[0],
    url,
    headers: { ...req.headers },
    body: parseJson(rawBody),
    rawBody,
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
