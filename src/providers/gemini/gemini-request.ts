import type { ToolRegistry } from '../../calls/tool-registry';
import { ToolDefinitionError } from '../../errors/tool-definition.error';
import type { ChatMessage } from '../../extractor/extractor.types';
import { GEMINI_MAX_FUNCTION_DECLARATIONS } from '../../schema/schema-limits';
import { toGeminiFunctionDeclaration } from '../../schema/tool-definition';
import type { GeminiContent, GeminiPart } from './gemini.types';

/** What both SDKs send the same way: the conversation, the system instruction and the tools. */
export interface GeminiRequestCore {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools: object[];
  toolConfig: Record<string, unknown>;
}

/** The settings a caller may give that the core merges with its own. */
export interface GeminiRequestInput {
  messages: GeminiContent[];
  registry: ToolRegistry;
  tools?: unknown;
  toolConfig?: unknown;
  systemInstruction?: unknown;
}

const ROLES: Record<string, string> = { assistant: 'model', system: 'system', user: 'user' };

/**
 * Neutral chat messages and native contents as Gemini contents: `assistant` becomes `model`,
 * `system` turns are kept aside until {@link geminiRequestCore} moves them into `systemInstruction`.
 */
export function toGeminiContents(messages: ReadonlyArray<ChatMessage | GeminiContent>): GeminiContent[] {
  return messages.map((m) => {
    if (!isChatMessage(m)) return m;
    return { role: ROLES[m.role] ?? m.role, parts: [{ text: m.content }] };
  });
}

/**
 * The request fields both SDKs share: one function declaration per class with `mode: 'ANY'`
 * limited to those names (the caller's `functionCallingConfig` wins), the caller's own tools after
 * ours, and every system turn folded into `systemInstruction` after the caller's own.
 */
export function geminiRequestCore(input: GeminiRequestInput): GeminiRequestCore {
  const system = input.messages.filter((c) => c.role === 'system').flatMap((c) => c.parts ?? []);
  const contents = input.messages.filter((c) => c.role !== 'system');
  const systemParts = [...toParts(input.systemInstruction), ...system];

  const extraTools = Array.isArray(input.tools) ? (input.tools as object[]) : [];
  const own = input.registry.classes.map(toGeminiFunctionDeclaration);
  const total = own.length + extraTools.reduce((n, t) => n + declarationCount(t), 0);
  if (total > GEMINI_MAX_FUNCTION_DECLARATIONS) {
    throw new ToolDefinitionError(
      'schema_limit_exceeded',
      `${total} function declarations in one request; Gemini and Vertex AI accept at most ${GEMINI_MAX_FUNCTION_DECLARATIONS}. ` +
        'Split the responseModel over several requests.',
    );
  }

  const callerConfig = (input.toolConfig ?? {}) as Record<string, unknown>;
  const calling = { mode: 'ANY', ...(callerConfig.functionCallingConfig as object) } as Record<
    string,
    unknown
  >;
  // The API accepts allowedFunctionNames only with the constraining modes.
  if (
    (calling.mode === 'ANY' || calling.mode === 'VALIDATED') &&
    calling.allowedFunctionNames === undefined
  ) {
    calling.allowedFunctionNames = input.registry.names;
  }
  return {
    contents,
    ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}),
    // Copies: the declarations are frozen and cached, and an SDK may rewrite what it is given.
    tools: [{ functionDeclarations: own.map((d) => structuredClone(d)) }, ...extraTools],
    toolConfig: { ...callerConfig, functionCallingConfig: calling },
  };
}

function isChatMessage(m: ChatMessage | GeminiContent): m is ChatMessage {
  return typeof (m as ChatMessage).content === 'string' && !('parts' in m);
}

/** A caller's `systemInstruction` (a string, a part, parts or a content) as parts. */
function toParts(value: unknown): GeminiPart[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ text: value }];
  if (Array.isArray(value)) return value.flatMap(toParts);
  if (typeof value === 'object' && Array.isArray((value as GeminiContent).parts))
    return (value as GeminiContent).parts!;
  return [value as GeminiPart];
}

function declarationCount(tool: object): number {
  const declarations = (tool as { functionDeclarations?: unknown }).functionDeclarations;
  return Array.isArray(declarations) ? declarations.length : 0;
}
