/** One function call for the Gemini reply builders (Gemini sends `args` as an object and no call id). */
export interface GeminiFunctionCallSpec {
  name: string;
  args: object;
}

/** Optional parts of a built Gemini / Vertex reply. */
export interface GeminiResponseExtra {
  /** Default `'STOP'` (Gemini reports STOP for function calls too). */
  finishReason?: string;
  usageMetadata?: object;
  /** A text part sent before the calls. */
  text?: string;
  modelVersion?: string;
}

type Part = Record<string, unknown>;

/**
 * The `generateContent` body whose candidate carries these function calls.
 * @example
 * server.enqueue({ json: geminiFunctionCallsResponse([{ name: 'Weather', args: { location: 'Paris' } }]) });
 */
export function geminiFunctionCallsResponse(
  calls: GeminiFunctionCallSpec[],
  extra: GeminiResponseExtra = {},
): Record<string, any> {
  const all = parts(calls, extra);
  return responseChunk(all, withUsage(extra, all), true);
}

/**
 * The `streamGenerateContent` chunks for these calls: one part per chunk (the text part first, if
 * any), `finishReason` and `usageMetadata` on the last chunk.
 * @example
 * server.enqueue({ sse: geminiFunctionCallsStream(calls) });
 */
export function geminiFunctionCallsStream(
  calls: GeminiFunctionCallSpec[],
  extra: GeminiResponseExtra = {},
): Array<Record<string, any>> {
  const all = parts(calls, extra);
  // An empty stream still needs one chunk to carry the finish reason, as the real API sends.
  if (all.length === 0) all.push({ text: '' });
  const final = withUsage(extra, all);
  return all.map((part, i) => responseChunk([part], final, i === all.length - 1));
}

function parts(calls: GeminiFunctionCallSpec[], extra: GeminiResponseExtra): Part[] {
  const text: Part[] = extra.text !== undefined ? [{ text: extra.text }] : [];
  return [...text, ...calls.map((call) => ({ functionCall: { name: call.name, args: call.args } }))];
}

function responseChunk(chunkParts: Part[], extra: GeminiResponseExtra, last: boolean): Record<string, any> {
  const candidate = {
    content: { role: 'model', parts: chunkParts },
    ...(last ? { finishReason: extra.finishReason ?? 'STOP' } : {}),
    index: 0,
  };
  return {
    candidates: [candidate],
    ...(last ? { usageMetadata: extra.usageMetadata } : {}),
    modelVersion: extra.modelVersion ?? 'gemini-mock',
  };
}

function withUsage(extra: GeminiResponseExtra, all: Part[]): GeminiResponseExtra {
  if (extra.usageMetadata) return extra;
  const candidates = Math.ceil(JSON.stringify(all).length / 4);
  const usageMetadata = {
    promptTokenCount: 50,
    candidatesTokenCount: candidates,
    totalTokenCount: 50 + candidates,
  };
  return { ...extra, usageMetadata };
}
