import { rawCall, type RawCall } from '../../calls/call.validator';
import type { Usage } from '../../extractor/extractor.types';
import type { ProviderTurn, StopReason } from '../../extractor/provider-adapter';
import type { GeminiCandidate, GeminiResponse, GeminiUsageMetadata } from './gemini.types';

/** Finish reasons that mean the provider withheld or cut the reply for its policies. */
const BLOCKED = new Set([
  'SAFETY',
  'RECITATION',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

/**
 * Reads a Gemini reply: every `functionCall` part of the first candidate becomes a call, in order
 * (Gemini sends `args` as an object and usually no id); text and thought parts are not calls.
 */
export function readGeminiTurn<Res extends GeminiResponse>(response: Res): ProviderTurn<Res> {
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const calls: RawCall[] = parts
    .flatMap((p) => (p.functionCall ? [p.functionCall] : []))
    .map((fc, index) => rawCall(index, fc.id || undefined, fc.name as string, fc.args ?? {}));
  const { stop, detail } = stopOf(response, candidate, calls.length > 0);
  return { response, calls, stop, detail, usage: toUsage(response.usageMetadata) };
}

function stopOf(
  response: GeminiResponse,
  candidate: GeminiCandidate | undefined,
  hasCalls: boolean,
): { stop: StopReason; detail?: string } {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason)
    return {
      stop: 'blocked',
      detail: withMessage(`prompt ${blockReason}`, response.promptFeedback?.blockReasonMessage),
    };
  const reason = candidate?.finishReason;
  if (reason === 'MAX_TOKENS') return { stop: 'length' };
  if (reason && BLOCKED.has(reason))
    return { stop: 'blocked', detail: withMessage(reason, candidate?.finishMessage) };
  if (hasCalls) return { stop: 'tool_calls' };
  const text = (candidate?.content?.parts ?? [])
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('')
    .trim();
  // MALFORMED_FUNCTION_CALL and the like: no call, but the reason is worth showing.
  const unusual =
    reason && reason !== 'STOP' ? withMessage(`finishReason ${reason}`, candidate?.finishMessage) : undefined;
  return { stop: 'stop', detail: text || unusual };
}

function withMessage(reason: string, message: string | undefined): string {
  return message ? `${reason}: ${message}` : reason;
}

/** Thinking tokens count as output, as OpenAI counts reasoning tokens, so that the parts add up to the total. */
function toUsage(meta: GeminiUsageMetadata | undefined): Usage | undefined {
  if (!meta || (meta.promptTokenCount === undefined && meta.totalTokenCount === undefined)) return undefined;
  const promptTokens = meta.promptTokenCount ?? 0;
  const completionTokens = (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  return {
    promptTokens,
    completionTokens,
    totalTokens: meta.totalTokenCount ?? promptTokens + completionTokens,
  };
}
