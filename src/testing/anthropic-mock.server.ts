import {
  anthropicToolUseMessage,
  type AnthropicReplyExtra,
  type AnthropicToolUseSpec,
} from './anthropic-replies';
import { AnthropicBatchRoutes } from './anthropic-batch.routes';
import { anthropicErrorBody } from './anthropic-errors';
import { MockHttpServer } from './mock-http.server';
import type { ServerResponse } from 'node:http';
import type { MockServerOptions, RecordedRequest, ScriptedReply } from './scripted-reply';
import { payloadType } from './sse-event-name';

/**
 * A local Anthropic Messages server. `POST /v1/messages` (and any other path) is answered from
 * the script: a `Message` JSON body, an SSE stream when the request says `stream: true` (each
 * event with an `event:` line naming its `type`, as the SDK requires, and no end marker), an HTTP
 * error with Anthropic's error shape (`{ type: 'error', error: { type, message } }`; 529 is
 * `overloaded_error`), or a fault. Every request is recorded.
 * @example
 * const server = await MockAnthropicServer.start();
 * server.enqueueToolUse([{ name: 'Weather', input: { location: 'Toronto' } }]);
 * const anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test' });
 * const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages });
 * expect(server.requests[0].body.model).toBe('claude-sonnet-4-5');
 * await server.close();
 */
export class MockAnthropicServer extends MockHttpServer {
  protected override readonly malformedEventName = 'message_start';
  /** The Message Batches endpoints, answered from state of their own: script them here. */
  readonly batches = new AnthropicBatchRoutes(() => this.origin);

  protected constructor(options?: MockServerOptions) {
    super(options);
  }

  /** Starts a server on 127.0.0.1 (a free port unless `options.port` is given). */
  static start(options?: MockServerOptions): Promise<MockAnthropicServer> {
    return new MockAnthropicServer(options).listen();
  }

  /** `http://127.0.0.1:PORT`: pass it as `new Anthropic({ baseURL, apiKey: 'test' })` (the SDK adds `/v1/messages`). */
  get baseURL(): string {
    return this.origin;
  }

  /** Enqueues a `Message` JSON reply whose content carries these `tool_use` blocks. */
  enqueueToolUse(calls: AnthropicToolUseSpec[], extra?: AnthropicReplyExtra): this {
    return this.enqueue({ json: anthropicToolUseMessage(calls, extra) });
  }

  protected override route(request: RecordedRequest, res: ServerResponse): boolean {
    return this.batches.handle(request, res);
  }

  protected isStreaming(request: RecordedRequest): boolean {
    return request.body?.stream === true;
  }

  /** Every Messages event is named after its `type` (the SDK drops events without an `event:` line). */
  /**
   * Each event is named after its `type`. A scripted string that names none (a garbled line) goes
   * out as `content_block_delta`, as a real garbled event would: the SDK drops unnamed events unread.
   */
  protected override sseEventName(_request: RecordedRequest, payload: string | object): string | undefined {
    return payloadType(payload) ?? (typeof payload === 'string' ? 'content_block_delta' : undefined);
  }

  /** An SSE reply to a non-streaming request is a scripting mistake: say so instead of confusing the SDK. */
  protected override adapt(
    reply: ScriptedReply,
    request: RecordedRequest,
    streaming: boolean,
  ): ScriptedReply {
    if (streaming || !('sse' in reply) || 'fault' in reply) return reply;
    const message =
      `MockAnthropicServer: an sse reply was scripted for a request without stream: true (${request.path}); ` +
      'script a json reply, or send the request with stream: true';
    return {
      status: 500,
      body: this.errorBody(500, message),
      headers: { 'x-should-retry': 'false' },
      latency: reply.latency,
    };
  }

  protected errorBody(status: number, message: string): unknown {
    return anthropicErrorBody(status, message);
  }
}
