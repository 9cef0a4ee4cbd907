/** What {@link vertexAIFetchRedirect} gives back. */
export interface VertexAIRedirect {
  /** Spread into `new VertexAI({ project, location, ...redirect.init })`. */
  readonly init: {
    /** `127.0.0.1:PORT`: the SDK builds `https://${apiEndpoint}/v1/projects/...`. */
    apiEndpoint: string;
    /**
     * A stub auth client: the SDK only calls `getAccessToken()` on it. Typed loosely because the
     * SDK wants google-auth-library's `AuthClient` class, which this entry point does not load.
     */
    googleAuthOptions: { authClient: any };
  };
  /** Puts `globalThis.fetch` back (or, if someone wrapped it since, turns this redirect off). */
  restore(): void;
}

/**
 * Points `@google-cloud/vertexai` at a local mock server. That SDK builds `https://` URLs only and
 * calls the global `fetch`, so this wraps `globalThis.fetch` to rewrite `https://127.0.0.1:PORT/`
 * (this server's host and port, nothing else) to `http://`, and returns the constructor options
 * that aim the SDK at that host with a stub token. Call `restore()` when the test is done.
 * @example
 * const server = await MockGeminiServer.start();
 * const redirect = vertexAIFetchRedirect(server);
 * const vertex = new VertexAI({ project: 'test-project', location: 'us-central1', ...redirect.init });
 * const model = vertex.getGenerativeModel({ model: 'gemini-2.0-flash' });
 * server.enqueueFunctionCalls([{ name: 'Weather', args: { location: 'Paris' } }]);
 * const result = await model.generateContent('Weather in Paris?');
 * redirect.restore();
 * await server.close();
 * @param server The mock server (only its host and port are used).
 * @param token The bearer token the stub auth client hands to the SDK.
 */
export function vertexAIFetchRedirect(server: { baseURL: string }, token = 'test-token'): VertexAIRedirect {
  const target = new URL(server.baseURL);
  const from = `https://${target.host}/`;
  const to = `${target.protocol}//${target.host}/`;
  const previous = globalThis.fetch;
  let active = true;

  const rewrite = (url: string): string =>
    active && url.startsWith(from) ? to + url.slice(from.length) : url;
  const redirecting = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (typeof input === 'string') return previous(rewrite(input), init);
    if (input instanceof URL) return previous(rewrite(input.href), init);
    const url = rewrite(input.url);
    return previous(url === input.url ? input : new Request(url, input), init);
  };
  globalThis.fetch = redirecting as typeof fetch;

  return {
    init: {
      apiEndpoint: target.host,
      googleAuthOptions: { authClient: { getAccessToken: async () => ({ token }) } },
    },
    restore() {
      active = false;
      if (globalThis.fetch === redirecting) globalThis.fetch = previous;
    },
  };
}
