import { ToolDefinitionError } from '../errors/tool-definition.error';
import { moveToDescription } from './keyword-notes';
import type { JsonSchema } from './json-schema';

/** Keywords the Gemini / Vertex `Schema` (an OpenAPI 3.0 subset) accepts. */
const GEMINI_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'anyOf',
  'description',
  'nullable',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'default',
  'example',
]);
const GEMINI_STRING_FORMATS = new Set(['enum', 'date-time']);
/** How deep `$ref`s are inlined before a recursive class is refused. */
export const GEMINI_MAX_DEPTH = 16;
const PARAMETER_NAME = /^[A-Za-z0-9_]+$/;

/**
 * The neutral schema in the Gemini / Vertex dialect: upper-case types, `nullable` instead of null
 * unions, `$ref`s inlined, enums as strings (`format: 'enum'`; numeric values are sent as strings
 * and turned back into numbers before validation), unsupported keywords moved into `description`.
 */
export function toGeminiSchema(neutral: JsonSchema, owner: Function): JsonSchema {
  const defs = (neutral.$defs ?? {}) as Record<string, JsonSchema>;
  return geminiNode(neutral, defs, owner, 0);
}

function geminiNode(
  input: JsonSchema,
  defs: Record<string, JsonSchema>,
  owner: Function,
  depth: number,
): JsonSchema {
  if (depth > GEMINI_MAX_DEPTH) {
    throw new ToolDefinitionError(
      'recursive_schema',
      `${owner.name}: the schema nests more than ${GEMINI_MAX_DEPTH} levels once its classes are inlined ` +
        `(Gemini does not accept $ref, so a recursive class cannot be sent). Cap the recursion with a separate, flat class.`,
      { target: owner },
    );
  }
  let node = input;
  let nullable = false;
  if (Array.isArray(node.type)) {
    nullable = node.type.includes('null');
    const types = node.type.filter((t) => t !== 'null');
    node = { ...node, type: types[0] };
  }
  if (Array.isArray(node.anyOf)) {
    const members = (node.anyOf as JsonSchema[]).filter((m) => m.type !== 'null');
    nullable ||= members.length < (node.anyOf as JsonSchema[]).length;
    const { anyOf: _anyOf, ...rest } = node;
    node = members.length === 1 ? { ...members[0], ...rest } : { ...rest, anyOf: members };
  }
  // After the null member is gone, so that a nullable class is inlined too.
  if (typeof node.$ref === 'string') {
    const { $ref, ...rest } = node;
    node = { ...defs[($ref as string).replace('#/$defs/', '')], ...rest };
  }
  if (typeof node.const === 'string' || typeof node.const === 'number') {
    const { const: value, ...rest } = node;
    node = { ...rest, enum: [value] };
  }
  node = inclusiveBounds(node);
  if (Array.isArray(node.examples)) {
    const { examples, ...rest } = node;
    node = { ...rest, example: examples[0] };
  }
  if (Array.isArray(node.enum)) {
    node = { ...node, type: 'string', format: 'enum', enum: node.enum.filter((v) => v !== null).map(String) };
    // The model answers in the enum's strings; its examples should read the same.
    for (const k of ['default', 'example'] as const)
      if (typeof node[k] === 'number') node[k] = String(node[k]);
  }
  const dropped = Object.keys(node).filter(
    (k) => !GEMINI_KEYWORDS.has(k) || (k === 'format' && !GEMINI_STRING_FORMATS.has(String(node.format))),
  );
  const out = moveToDescription(node, dropped);
  if (typeof out.type === 'string') out.type = out.type.toUpperCase();
  if (nullable) out.nullable = true;
  if (out.properties) {
    const properties: JsonSchema = {};
    for (const [name, schema] of Object.entries(out.properties as Record<string, JsonSchema>)) {
      if (!PARAMETER_NAME.test(name)) {
        throw new ToolDefinitionError(
          'invalid_field_options',
          `${owner.name}: the property name ${JSON.stringify(name)} is not accepted by Gemini (letters, digits and '_' only). ` +
            `Rename it on the wire with class-transformer's @Expose({ name: 'a_valid_name' }).`,
          { target: owner, property: name },
        );
      }
      properties[name] = geminiNode(schema, defs, owner, depth + 1);
    }
    out.properties = properties;
  }
  if (out.items) out.items = geminiNode(out.items as JsonSchema, defs, owner, depth + 1);
  if (out.anyOf) out.anyOf = (out.anyOf as JsonSchema[]).map((m) => geminiNode(m, defs, owner, depth + 1));
  return out;
}

/**
 * Gemini has no exclusive bounds. On an integer they become the next inclusive bound (exact); on a
 * number the inclusive bound is kept as the nearest rule Gemini can enforce, and the exclusive one
 * is stated in the description.
 */
function inclusiveBounds(node: JsonSchema): JsonSchema {
  const out = { ...node };
  const integer = out.type === 'integer';
  const { exclusiveMinimum: low, exclusiveMaximum: high } = out;
  if (typeof low === 'number') {
    const bound = integer ? Math.floor(low) + 1 : low;
    out.minimum = typeof out.minimum === 'number' ? Math.max(out.minimum, bound) : bound;
    if (integer) delete out.exclusiveMinimum;
  }
  if (typeof high === 'number') {
    const bound = integer ? Math.ceil(high) - 1 : high;
    out.maximum = typeof out.maximum === 'number' ? Math.min(out.maximum, bound) : bound;
    if (integer) delete out.exclusiveMaximum;
  }
  return out;
}
