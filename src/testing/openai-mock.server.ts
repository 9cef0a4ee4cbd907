import type { ServerResponse } from 'node:http';
import { MockHttpServer } from './mock-http.server';
import { OpenAIBatchRoutes } from './openai-batch.routes';
import {
  openAIToolCallsCompletion,
  type OpenAICompletionExtra,
  type OpenAIToolCallSpec,
} from './openai-replies';
import {
  responsesFunctionCallsResponse,
  type ResponsesFunctionCallSpec,
  type ResponsesReplyExtra,
} from './responses-replies';
import type { MockServerOptions, RecordedRequest } from './scripted-reply';
import { payloadType } from './sse-event-name';

/** OpenAI's `error.type` for the statuses tests script most; anything else is a server error. */
const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

/**
 * A local OpenAI server. `POST /v1/chat/completions` and `POST /v1/responses` (and any other
 * `/v1/...` path) are answered from the script: a JSON body, an SSE stream (chat: `data:` lines
 * ending in `data: [DONE]`; Responses: each event with its `event:` line, no `[DONE]`, as the
 * real API sends them), an HTTP error with OpenAI's error shape, or a fault. Every request is
 * recorded.
 * @example
 * const server = await MockOpenAIServer.start();
 * server.enqueueToolCalls([{ name: 'Weather', arguments: { location: 'Toronto' } }]);
 * const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test' });
 * const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
 * expect(server.requests[0].body.model).toBe('gpt-4o-mini');
 * await server.close();
 */
export class MockOpenAIServer extends MockHttpServer {
  protected override readonly doneMarker = '[DONE]';
  /** The Batch API endpoints (files and batches), answered from state of their own: script them here. */
  readonly batches = new OpenAIBatchRoutes((status, message) => this.errorBody(status, message));

  protected constructor(options?: MockServerOptions) {
    super(options);
  }

  /** Starts a server on 127.0.0.1 (a free port unless `options.port` is given). */
  static start(options?: MockServerOptions): Promise<MockOpenAIServer> {
    return new MockOpenAIServer(options).listen();
  }

  /** `http://127.0.0.1:PORT/v1`: pass it as `new OpenAI({ baseURL, apiKey: 'test' })`. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  /** Enqueues a `chat.completion` JSON reply whose message carries these tool calls. */
  enqueueToolCalls(calls: OpenAIToolCallSpec[], extra?: OpenAICompletionExtra): this {
    return this.enqueue({ json: openAIToolCallsCompletion(calls, extra) });
  }

  /** Enqueues a Responses API `response` JSON reply whose `output` carries these function calls. */
  enqueueFunctionCalls(calls: ResponsesFunctionCallSpec[], extra?: ResponsesReplyExtra): this {
    return this.enqueue({ json: responsesFunctionCallsResponse(calls, extra) });
  }

  protected override doneMarkerFor(request: RecordedRequest): string | undefined {
    return isResponsesPath(request) ? undefined : this.doneMarker;
  }

  /** The Responses API names each event after its `type`; chat completions sends data lines only. */
  protected override sseEventName(request: RecordedRequest, payload: string | object): string | undefined {
    return isResponsesPath(request) ? payloadType(payload) : undefined;
  }

  protected override route(request: RecordedRequest, res: ServerResponse): boolean {
    return this.batches.handle(request, res);
  }

  protected isStreaming(request: RecordedRequest): boolean {
    return request.body?.stream === true;
  }

  protected errorBody(status: number, message: string): unknown {
    const { type, code } = ERROR_TYPES[status] ?? { type: 'server_error', code: null };
    return { error: { message, type, param: null, code } };
  }
}

function isResponsesPath(request: RecordedRequest): boolean {
  return request.path.endsWith('/responses');
}
