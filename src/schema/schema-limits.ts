import { ToolDefinitionError } from '../errors/tool-definition.error';
import type { JsonSchema } from './json-schema';

/**
 * OpenAI's documented limits on a function's parameters schema: nesting depth, object properties
 * in all, enum values in all, the characters of every property name, definition name, enum and
 * const value together, and the characters of one string enum of more than 250 values.
 */
export const OPENAI_SCHEMA_LIMITS = {
  maxDepth: 10,
  maxProperties: 5000,
  maxEnumValues: 1000,
  maxNameCharacters: 120_000,
  largeEnumValues: 250,
  maxLargeEnumCharacters: 15_000,
} as const;
/** Vertex AI accepts at most this many function declarations in one request. */
export const GEMINI_MAX_FUNCTION_DECLARATIONS = 128;

/** The limits a provider documents for one function's parameters schema. */
export type SchemaLimits = { readonly [K in keyof typeof OPENAI_SCHEMA_LIMITS]: number };

/**
 * Checks a dialect's schema against its provider's limits, naming the class, the provider and the
 * limit that was passed. A definition counts each time it is used (as if inlined): the check may
 * refuse early, never late.
 */
export function checkSchemaLimits(
  schema: JsonSchema,
  owner: Function,
  provider: string,
  L: SchemaLimits = OPENAI_SCHEMA_LIMITS,
): void {
  const fail = (what: string): never => {
    throw new ToolDefinitionError(
      'schema_limit_exceeded',
      `${owner.name}: the schema ${what}, past ${provider}'s limit. Split the tool or flatten its classes.`,
      { target: owner },
    );
  };
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const totals = { properties: 0, enumValues: 0, characters: Object.keys(defs).join('').length };
  const visit = (node: JsonSchema, depth: number, seen: ReadonlySet<string>): void => {
    if (depth > L.maxDepth) fail(`nests more than ${L.maxDepth} levels`);
    const values = [
      ...(Array.isArray(node.enum) ? node.enum : []),
      ...(node.const === undefined ? [] : [node.const]),
    ];
    const characters = values.reduce((n: number, v) => n + String(v).length, 0);
    totals.enumValues += Array.isArray(node.enum) ? node.enum.length : 0;
    totals.characters += characters;
    if (totals.enumValues > L.maxEnumValues) fail(`has more than ${L.maxEnumValues} enum values in all`);
    if (
      Array.isArray(node.enum) &&
      node.enum.length > L.largeEnumValues &&
      characters > L.maxLargeEnumCharacters
    ) {
      fail(
        `has an enum of ${node.enum.length} values and ${characters} characters (at most ${L.maxLargeEnumCharacters} past ${L.largeEnumValues} values)`,
      );
    }
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/$defs/', '');
      // A recursive reference is legal JSON Schema; its depth is the model's business.
      if (!seen.has(name) && defs[name]) visit(defs[name], depth, new Set([...seen, name]));
      return;
    }
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
      if (++totals.properties > L.maxProperties) fail(`has more than ${L.maxProperties} properties`);
      totals.characters += name.length;
      visit(child, depth + 1, seen);
    }
    if (totals.characters > L.maxNameCharacters) {
      fail(
        `spends more than ${L.maxNameCharacters} characters on property names, definition names and enum values`,
      );
    }
    if (node.items) visit(node.items as JsonSchema, depth + 1, seen);
    for (const member of (node.anyOf ?? []) as JsonSchema[]) visit(member, depth, seen);
  };
  visit(schema, 1, new Set());
}
