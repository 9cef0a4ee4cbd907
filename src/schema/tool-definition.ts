import { ToolDefinitionError } from '../errors/tool-definition.error';
import { resolveClassModel } from '../metadata/class-model.resolver';
import type { ClassType } from '../metadata/class-type';
import { toolMetadataStorage } from '../metadata/tool-metadata.storage';
import { toGeminiSchema } from './gemini.dialect';
import type { JsonSchema, ToolDefinition } from './json-schema';
import { buildNeutralSchema } from './neutral-schema.builder';
import { toOpenAIStrictSchema } from './openai-strict.dialect';
import { checkSchemaLimits } from './schema-limits';

/** An entry of OpenAI's `tools[]`. */
export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters: JsonSchema; strict?: boolean };
}

/** An entry of Gemini's / Vertex's `functionDeclarations[]`. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** Absent for a tool without arguments: Gemini refuses an `OBJECT` with no properties. */
  parameters?: JsonSchema;
}

const definitions = new Map<Function, ToolDefinition>();
const openAITools = new Map<Function, { loose?: OpenAIFunctionTool; strict?: OpenAIFunctionTool }>();
const geminiDeclarations = new Map<Function, GeminiFunctionDeclaration>();

/**
 * The neutral definition of a `@Tool` class: its name, description and JSON Schema. Cached per
 * class; the returned object is frozen.
 *
 * @example
 * const { name, parameters } = getToolDefinition(Weather);
 */
export function getToolDefinition(target: ClassType): ToolDefinition {
  const cached = definitions.get(target);
  if (cached) return cached;
  const tool = toolMetadataStorage.getTool(target);
  if (!tool) {
    throw new ToolDefinitionError(
      'not_a_tool',
      `${target?.name ?? String(target)} is not a tool: mark the class with @Tool() (from 'parallel-tools').`,
      { target },
    );
  }
  const model = resolveClassModel(target);
  const parameters = buildNeutralSchema(target);
  const definition = deepFreeze({ name: model.name, description: model.description, parameters });
  definitions.set(target, definition);
  return definition;
}

/**
 * The OpenAI `tools[]` entry of a `@Tool` class; `strict: true` gives the strict dialect.
 *
 * @example
 * await openai.chat.completions.create({ model, messages, tools: [toOpenAITool(Weather)] });
 */
export function toOpenAITool(target: ClassType, options: { strict?: boolean } = {}): OpenAIFunctionTool {
  let entry = openAITools.get(target);
  if (!entry) openAITools.set(target, (entry = {}));
  const slot = options.strict ? 'strict' : 'loose';
  if (!entry[slot]) {
    const { name, description, parameters: neutral } = getToolDefinition(target);
    const parameters = options.strict ? toOpenAIStrictSchema(neutral) : neutral;
    checkSchemaLimits(parameters, target, 'OpenAI');
    const fn: OpenAIFunctionTool['function'] = {
      name,
      ...(description ? { description } : {}),
      parameters,
      ...(options.strict ? { strict: true } : {}),
    };
    entry[slot] = deepFreeze({ type: 'function', function: fn });
  }
  return entry[slot]!;
}

/**
 * The Gemini / Vertex AI `functionDeclarations[]` entry of a `@Tool` class.
 *
 * @example
 * tools: [{ functionDeclarations: [toGeminiFunctionDeclaration(Weather)] }]
 */
export function toGeminiFunctionDeclaration(target: ClassType): GeminiFunctionDeclaration {
  const cached = geminiDeclarations.get(target);
  if (cached) return cached;
  const { name, description, parameters } = getToolDefinition(target);
  const declaration: GeminiFunctionDeclaration = { name };
  if (description) declaration.description = description;
  if (Object.keys(parameters.properties as object).length > 0)
    declaration.parameters = toGeminiSchema(parameters, target);
  geminiDeclarations.set(target, deepFreeze(declaration));
  return declaration;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
