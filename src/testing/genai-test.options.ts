/** Constructor options for `new GoogleGenAI(...)` aimed at a local mock server. */
export interface GenAITestOptions {
  apiKey?: string;
  vertexai?: boolean;
  project?: string;
  location?: string;
  httpOptions: {
    baseUrl: string;
    fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  };
  /** A stub auth client: the SDK only calls `getRequestHeaders()` on it (Vertex mode). */
  googleAuthOptions?: { authClient: any };
}

/**
 * Options for `new GoogleGenAI(...)` that send its requests to a {@link MockGeminiServer}, in the
 * Gemini API mode (API key) or the Vertex mode (project, location and a stub auth client).
 *
 * `httpOptions.fetch` is set on purpose: without it the SDK (on Node) attaches its own undici
 * dispatcher, looked up on `globalThis`, which Jest's sandbox does not have ("Undici
 * globalDispatcher is not available").
 * @example
 * const ai = new GoogleGenAI(genAITestOptions(server, { vertexai: true }));
 * await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });
 * // POST /v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent
 */
export function genAITestOptions(
  server: { baseURL: string },
  mode: { vertexai?: boolean; project?: string; location?: string } = {},
): GenAITestOptions {
  // Look fetch up per call so that a fetch wrapper installed later by a test still applies.
  const httpOptions = {
    baseUrl: server.baseURL,
    fetch: (i: RequestInfo | URL, init?: RequestInit) => fetch(i, init),
  };
  // vertexai: false explicitly, so that GOOGLE_GENAI_USE_VERTEXAI in the environment cannot flip the mode.
  if (!mode.vertexai) return { vertexai: false, apiKey: 'test-key', httpOptions };
  const headers = async (): Promise<Headers> => new Headers({ authorization: 'Bearer test-token' });
  return {
    vertexai: true,
    project: mode.project ?? 'test-project',
    location: mode.location ?? 'us-central1',
    httpOptions,
    googleAuthOptions: { authClient: { getRequestHeaders: headers } },
  };
}
