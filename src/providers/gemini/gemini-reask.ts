import type { ToolResultMessage } from '../../extractor/provider-adapter';
import type { GeminiContent, GeminiPart, GeminiResponse } from './gemini.types';

/**
 * The turns that continue a conversation after a Gemini reply: the model's content with all its
 * parts (thought signatures included: Gemini 3 refuses a function response without them), then one
 * `user` content with a `functionResponse` per call, in call order, and the instruction as text.
 */
export function geminiReaskContents(
  response: GeminiResponse,
  results: ToolResultMessage[],
  instruction?: string,
): GeminiContent[] {
  const contents: GeminiContent[] = [];
  const modelParts = response.candidates?.[0]?.content?.parts ?? [];
  if (modelParts.length > 0) contents.push({ role: 'model', parts: modelParts.map((p) => ({ ...p })) });

  const parts: GeminiPart[] = results.map(({ call, ok, content }) => ({
    functionResponse: {
      name: String(call.name ?? ''),
      ...(call.id ? { id: call.id } : {}),
      response: ok ? { result: content } : { error: content },
    },
  }));
  if (instruction) parts.push({ text: instruction });
  if (parts.length > 0) contents.push({ role: 'user', parts });
  return contents;
}
