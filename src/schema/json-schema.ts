/** A JSON Schema object, as sent to a provider. Kept loose on purpose: dialects differ. */
export type JsonSchema = { [keyword: string]: unknown };

/** The neutral schema of one tool: what {@link getToolDefinition} returns. */
export interface ToolDefinition {
  /** The function name the model calls. */
  name: string;
  description?: string;
  /** JSON Schema (2020-12 subset): an object with `properties`, `required`, `additionalProperties: false`, `$defs`. */
  parameters: JsonSchema;
}
