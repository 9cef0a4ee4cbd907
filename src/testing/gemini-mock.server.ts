import {
  geminiFunctionCallsResponse,
  type GeminiFunctionCallSpec,
  type GeminiResponseExtra,
} from './gemini-replies';
import { MockHttpServer } from './mock-http.server';
import type { MockServerOptions, RecordedRequest, ScriptedReply } from './scripted-reply';

/**
 * `/{version}/models/{model}:{method}` (Gemini API) and
 * `/{version}/projects/{p}/locations/{l}/publishers/google/models/{model}:{method}` (Vertex).
 */
const GENERATE_PATH =
  /^\/v1[a-z0-9]*\/(?:projects\/[^/]+\/locations\/[^/]+\/)?(?:publishers\/[^/]+\/)?models\/[^/:]+:(\w+)$/;

/** google.rpc status names, as in real Google API error bodies. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * A local Gemini / Vertex AI server for both `@google/genai` (Gemini API and Vertex mode) and
 * `@google-cloud/vertexai`. `:generateContent` and `:streamGenerateContent?alt=sse` on either URL
 * family are answered from one script; a JSON reply to a stream URL is sent as a single SSE event,
 * an SSE reply to the non-stream URL is answered with a 500 that names the scripting mistake.
 * @example
 * const server = await MockGeminiServer.start();
 * server.enqueueFunctionCalls([{ name: 'Weather', args: { location: 'Toronto' } }]);
 * const ai = new GoogleGenAI({
 *   apiKey: 'test',
 *   httpOptions: { baseUrl: server.baseURL, fetch: (input, init) => fetch(input, init) },
 * });
 * const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });
 * await server.close();
 * @see genAITestOptions for the `GoogleGenAI` options (Gemini API or Vertex mode) in one call.
 * @see vertexAIFetchRedirect for `@google-cloud/vertexai`, which only builds https URLs.
 */
export class MockGeminiServer extends MockHttpServer {
  protected constructor(options?: MockServerOptions) {
    super(options);
  }

  /** Starts a server on 127.0.0.1 (a free port unless `options.port` is given). */
  static start(options?: MockServerOptions): Promise<MockGeminiServer> {
    return new MockGeminiServer(options).listen();
  }

  /** `http://127.0.0.1:PORT`: pass it as `httpOptions.baseUrl` (the SDKs add the version and path). */
  get baseURL(): string {
    return this.origin;
  }

  /** Enqueues a `generateContent` JSON reply whose candidate carries these function calls. */
  enqueueFunctionCalls(calls: GeminiFunctionCallSpec[], extra?: GeminiResponseExtra): this {
    return this.enqueue({ json: geminiFunctionCallsResponse(calls, extra) });
  }

  protected isStreaming(request: RecordedRequest): boolean {
    return generateMethod(request) === 'streamGenerateContent';
  }

  protected override adapt(
    reply: ScriptedReply,
    request: RecordedRequest,
    streaming: boolean,
  ): ScriptedReply {
    if (streaming && 'json' in reply) {
      const { json, ...rest } = reply;
      return { ...rest, sse: [JSON.stringify(json)] };
    }
    if (generateMethod(request) === 'generateContent' && 'sse' in reply) {
      const message =
        `MockGeminiServer: an sse reply was scripted for the non-streaming URL ${request.path}; ` +
        'script a json reply, or call the streaming method (streamGenerateContent)';
      return { status: 500, body: this.errorBody(500, message), latency: reply.latency };
    }
    return reply;
  }

  protected errorBody(status: number, message: string): unknown {
    return { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } };
  }
}

function generateMethod(request: RecordedRequest): string | undefined {
  return GENERATE_PATH.exec(request.path)?.[1];
}
