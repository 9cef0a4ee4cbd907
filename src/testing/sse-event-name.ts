/**
 * The `type` of an SSE payload (an object, or its JSON text), which protocols that name their
 * events (Anthropic Messages, the OpenAI Responses API) send as the `event:` line. @internal
 */
export function payloadType(payload: string | object): string | undefined {
  const event = typeof payload === 'string' ? parseObject(payload) : payload;
  const type = (event as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
