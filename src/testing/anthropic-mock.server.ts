import {
  anthropicToolUseMessage,
  type AnthropicReplyExtra,
  type AnthropicToolUseSpec,
} from './anthropic-replies';
import { MockHttpServer } from './mock-http.server';
import type { MockServerOptions, RecordedRequest, ScriptedReply } from './scripted-reply';
import { payloadType } from './sse-event-name';

/** Anthropic's `error.type` by HTTP status; any other 4xx is invalid_request_error, 5xx api_error. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The error body's `error.type` for an HTTP status, as the Anthropic API sends it. @internal */
export function anthropicErrorType(status: number): string {
  return ERROR_TYPES[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
}

/** The error body the Anthropic API sends (also the payload of a stream's `error` event). @internal */
export function anthropicErrorBody(status: number, message: string): unknown {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

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

  protected isStreaming(request: RecordedRequest): boolean {
    return request.body?.stream === true;
  }

  /** Every Messages event is named after its `type` (the SDK drops events without an `event:` line). */
  protected override sseEventName(_request: RecordedRequest, payload: string | object): string | undefined {
    return payloadType(payload);
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
