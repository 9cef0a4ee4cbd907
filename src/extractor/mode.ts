/**
 * How tools are sent and read. Each mode maps to one provider adapter.
 *
 * @example
 * const client = fromOpenAI(new OpenAI(), { mode: Mode.PARALLEL_TOOLS });
 */
export enum Mode {
  /** OpenAI chat completions (and OpenAI-compatible servers): `parallel_tool_calls`. */
  PARALLEL_TOOLS = 'PARALLEL_TOOLS',
  /** The OpenAI Responses API (`client.responses.create`): flat function tools, `parallel_tool_calls`. */
  RESPONSES_PARALLEL_TOOLS = 'RESPONSES_PARALLEL_TOOLS',
  /** `@anthropic-ai/sdk` Messages: `tool_use` blocks with `tool_choice: { type: 'any' }`. */
  ANTHROPIC_PARALLEL_TOOLS = 'ANTHROPIC_PARALLEL_TOOLS',
  /** `@google-cloud/vertexai`: function declarations with `mode: 'ANY'`. */
  VERTEXAI_PARALLEL_TOOLS = 'VERTEXAI_PARALLEL_TOOLS',
  /** `@google/genai` (Vertex AI or the Gemini API): function declarations with `mode: 'ANY'`. */
  GENAI_PARALLEL_TOOLS = 'GENAI_PARALLEL_TOOLS',
}
