import { ToolDefinitionError } from '../errors/tool-definition.error';
import type { JsonSchema } from './json-schema';

/** OpenAI's documented limits on a function's parameters schema. */
export const OPENAI_SCHEMA_LIMITS = { maxDepth: 10, maxProperties: 5000, maxEnumValues: 1000 } as const;
/** Vertex AI accepts at most this many function declarations in one request. */
export const GEMINI_MAX_FUNCTION_DECLARATIONS = 128;

/**
 * Checks a schema against OpenAI's limits (nesting through `$ref` included), naming the class and
 * the limit that was passed.
 */
export function checkSchemaLimits(schema: JsonSchema, owner: Function): void {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  let properties = 0;
  const visit = (node: JsonSchema, depth: number, seen: ReadonlySet<string>): void => {
    if (depth > OPENAI_SCHEMA_LIMITS.maxDepth) fail(owner, `nests more than ${OPENAI_SCHEMA_LIMITS.maxDepth} levels`);
    if (Array.isArray(node.enum) && node.enum.length > OPENAI_SCHEMA_LIMITS.maxEnumValues) {
      fail(owner, `has an enum of ${node.enum.length} values (at most ${OPENAI_SCHEMA_LIMITS.maxEnumValues})`);
    }
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/$defs/', '');
      // A recursive reference is legal JSON Schema; its depth is the model's business.
      if (!seen.has(name) && defs[name]) visit(defs[name], depth, new Set([...seen, name]));
      return;
    }
    for (const child of Object.values((node.properties ?? {}) as Record<string, JsonSchema>)) {
      if (++properties > OPENAI_SCHEMA_LIMITS.maxProperties) {
        fail(owner, `has more than ${OPENAI_SCHEMA_LIMITS.maxProperties} properties`);
      }
      visit(child, depth + 1, seen);
    }
    if (node.items) visit(node.items as JsonSchema, depth + 1, seen);
    for (const member of (node.anyOf ?? []) as JsonSchema[]) visit(member, depth, seen);
  };
  visit(schema, 1, new Set());
}

function fail(owner: Function, what: string): never {
  throw new ToolDefinitionError(
    'schema_limit_exceeded',
    `${owner.name}: the schema ${what}, past OpenAI's limit. Split the tool or flatten its classes.`,
    { target: owner },
  );
}
