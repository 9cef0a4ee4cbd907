import { moveToDescription } from './keyword-notes';
import type { JsonSchema } from './json-schema';

/** Keywords OpenAI's strict mode accepts; anything else is described in words instead. */
const STRICT_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf',
  '$ref', '$defs', 'description', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);
const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/**
 * The neutral schema in OpenAI's strict dialect: every property required, the optional ones
 * nullable instead (the nulls are removed again before validation), `additionalProperties: false`
 * on every object, and the keywords outside the strict subset moved into `description`.
 */
export function toOpenAIStrictSchema(neutral: JsonSchema): JsonSchema {
  return strictNode(neutral);
}

function strictNode(node: JsonSchema): JsonSchema {
  const dropped = Object.keys(node).filter(
    (k) => !STRICT_KEYWORDS.has(k) || (k === 'format' && !STRICT_FORMATS.has(String(node.format))),
  );
  const out = moveToDescription(node, dropped);
  if (out.properties) {
    const required = new Set(out.required as string[]);
    const properties: JsonSchema = {};
    for (const [name, schema] of Object.entries(out.properties as Record<string, JsonSchema>)) {
      const strict = strictNode(schema);
      properties[name] = required.has(name) ? strict : nullable(strict);
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  if (out.items) out.items = strictNode(out.items as JsonSchema);
  if (out.anyOf) out.anyOf = (out.anyOf as JsonSchema[]).map(strictNode);
  if (out.$defs) {
    out.$defs = Object.fromEntries(Object.entries(out.$defs as Record<string, JsonSchema>).map(([k, v]) => [k, strictNode(v)]));
  }
  return out;
}

function nullable(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (Array.isArray(type)) return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  if (Array.isArray(schema.anyOf)) {
    const hasNull = (schema.anyOf as JsonSchema[]).some((s) => s.type === 'null');
    return hasNull ? schema : { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: 'null' }] };
  }
  if (typeof type === 'string') {
    const out: JsonSchema = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  const { description, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }], ...(description === undefined ? {} : { description }) };
}
