import { moveToDescription } from './keyword-notes';
import type { JsonSchema } from './json-schema';

/** Keywords OpenAI's strict mode accepts; anything else is described in words instead. */
const STRICT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  '$defs',
  'description',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);
const STRICT_FORMATS = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/**
 * The neutral schema in OpenAI's strict dialect: every property required, the optional ones
 * nullable instead (the nulls are removed again before validation), `additionalProperties: false`
 * on every object, and the keywords outside the strict subset moved into `description`. A `$ref`
 * with keywords beside it (a described nested class) is inlined, as strict mode refuses those.
 */
export function toOpenAIStrictSchema(neutral: JsonSchema): JsonSchema {
  const defs = (neutral.$defs ?? {}) as Record<string, JsonSchema>;
  return strictNode(neutral, defs, new Set());
}

function strictNode(
  input: JsonSchema,
  defs: Record<string, JsonSchema>,
  inlining: ReadonlySet<string>,
): JsonSchema {
  let node = input;
  if (typeof node.$ref === 'string' && Object.keys(node).length > 1) {
    const { $ref, ...siblings } = node;
    // A class that contains itself keeps its $ref, without the keywords strict mode refuses.
    if (inlining.has($ref)) return { $ref };
    inlining = new Set([...inlining, $ref]);
    // The property's own keywords (its description) win over the class's.
    node = { ...defs[$ref.replace('#/$defs/', '')], ...siblings };
  }
  const dropped = Object.keys(node).filter(
    (k) => !STRICT_KEYWORDS.has(k) || (k === 'format' && !STRICT_FORMATS.has(String(node.format))),
  );
  const out = moveToDescription(node, dropped);
  if (out.properties) {
    const required = new Set(out.required as string[]);
    const properties: JsonSchema = {};
    for (const [name, schema] of Object.entries(out.properties as Record<string, JsonSchema>)) {
      const strict = strictNode(schema, defs, inlining);
      // A recursive $ref lost its description above; the null union can carry it again.
      properties[name] = required.has(name) ? strict : nullable(strict, schema.description);
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  if (out.items) out.items = strictNode(out.items as JsonSchema, defs, inlining);
  if (out.anyOf) out.anyOf = (out.anyOf as JsonSchema[]).map((m) => strictNode(m, defs, inlining));
  if (out.$defs) {
    out.$defs = Object.fromEntries(
      Object.entries(out.$defs as Record<string, JsonSchema>).map(([k, v]) => [
        k,
        strictNode(v, defs, new Set([...inlining, `#/$defs/${k}`])),
      ]),
    );
  }
  return out;
}

function nullable(schema: JsonSchema, fallbackDescription?: unknown): JsonSchema {
  const type = schema.type;
  if (Array.isArray(type)) return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  if (Array.isArray(schema.anyOf)) {
    const hasNull = (schema.anyOf as JsonSchema[]).some((s) => s.type === 'null');
    return hasNull ? schema : { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: 'null' }] };
  }
  if (typeof type === 'string' && type !== 'object') {
    const out: JsonSchema = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  const { description = fallbackDescription, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }], ...(description === undefined ? {} : { description }) };
}
