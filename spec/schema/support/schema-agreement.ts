import Ajv2020 from 'ajv/dist/2020';
import { DEFAULT_ARGUMENT_LIMITS, type ClassType, type JsonSchema } from 'parallel-tools';
import { validateCall } from '../../../src/calls/call.validator';
import { ToolRegistry } from '../../../src/calls/tool-registry';

/**
 * The formats the schemas use, registered by hand (ajv-formats is not a dependency). They follow
 * ajv-formats' "fast" definitions: what a JSON Schema validator at a provider would accept.
 */
const FORMATS: Record<string, RegExp> = {
  'date-time':
    /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/,
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  email:
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i,
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
};

/** An ajv (JSON Schema 2020-12) that knows the formats above. */
export function makeAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addKeyword('example');
  for (const [name, regexp] of Object.entries(FORMATS)) ajv.addFormat(name, regexp);
  return ajv;
}

/** Whether the class accepts a call, checked the way the extractor checks it (`validateCall`). */
export async function classAccepts(
  target: ClassType,
  args: unknown,
  wire: { dropNulls: boolean; enumStrings: boolean } = { dropNulls: false, enumStrings: false },
): Promise<{ ok: boolean; errors: string[] }> {
  const registry = new ToolRegistry([target]);
  const name = registry.names[0];
  const outcome = await validateCall(
    registry,
    { index: 0, name, arguments: JSON.stringify(args) },
    { limits: DEFAULT_ARGUMENT_LIMITS, wire },
  );
  return outcome.ok
    ? { ok: true, errors: [] }
    : { ok: false, errors: outcome.failure.errors ?? [outcome.failure.message] };
}

/**
 * The Gemini (OpenAPI 3.0 subset) schema read back as JSON Schema, to check payloads against what
 * Gemini was told: lower-case types, `nullable` as a null type, `format: enum` dropped. Gemini has
 * no `additionalProperties`, so objects stay open.
 */
export function geminiAsJsonSchema(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type') out.type = String(v).toLowerCase();
    else if (k === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(v as Record<string, JsonSchema>).map(([n, s]) => [n, geminiAsJsonSchema(s)]),
      );
    } else if (k === 'items') out.items = geminiAsJsonSchema(v as JsonSchema);
    else if (k === 'anyOf') out.anyOf = (v as JsonSchema[]).map(geminiAsJsonSchema);
    else if (k === 'format' && v === 'enum') continue;
    else if (k !== 'nullable') out[k] = v;
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** A payload as the model sends it under OpenAI strict: every property present, `null` when unused. */
export function toStrictWire(value: unknown, schema: JsonSchema, defs: Record<string, JsonSchema>): unknown {
  const node = resolve(schema, defs, value);
  if (Array.isArray(value))
    return node.items ? value.map((v) => toStrictWire(v, node.items as JsonSchema, defs)) : value;
  if (value === null || typeof value !== 'object' || !node.properties) return value;
  const out: Record<string, unknown> = { ...(value as object) };
  for (const [name, child] of Object.entries(node.properties as Record<string, JsonSchema>)) {
    out[name] = name in out ? toStrictWire(out[name], child, defs) : null;
  }
  return out;
}

/** A payload as the model sends it to Gemini: enum values as strings. */
export function toGeminiWire(value: unknown, schema: JsonSchema): unknown {
  if (schema.format === 'enum' && typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return schema.items ? value.map((v) => toGeminiWire(v, schema.items as JsonSchema)) : value;
  if (value === null || typeof value !== 'object') return value;
  const member =
    ((schema.anyOf ?? []) as JsonSchema[]).find((m) => matchesDiscriminator(m, value as object)) ?? schema;
  const properties = (member.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, properties[k] ? toGeminiWire(v, properties[k]) : v]),
  );
}

function resolve(schema: JsonSchema, defs: Record<string, JsonSchema>, value: unknown): JsonSchema {
  if (typeof schema.$ref === 'string') return resolve(defs[schema.$ref.replace('#/$defs/', '')], defs, value);
  if (Array.isArray(schema.anyOf) && value !== null && typeof value === 'object') {
    const members = (schema.anyOf as JsonSchema[])
      .map((m) => resolve(m, defs, value))
      .filter((m) => m.type !== 'null');
    return members.find((m) => matchesDiscriminator(m, value)) ?? members[0];
  }
  return schema;
}

function matchesDiscriminator(member: JsonSchema, value: object): boolean {
  const properties = (member.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).some(
    ([k, s]) =>
      Array.isArray(s.enum) && s.enum.length === 1 && (value as Record<string, unknown>)[k] === s.enum[0],
  );
}

/** Every object node of a schema (nested `$defs`, `items`, `anyOf` and properties included). */
export function objectNodes(node: JsonSchema, path = '#'): Array<{ path: string; node: JsonSchema }> {
  const found: Array<{ path: string; node: JsonSchema }> = [];
  const isObject =
    node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || node.properties;
  if (isObject) found.push({ path, node });
  for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>))
    found.push(...objectNodes(v, `${path}/properties/${k}`));
  for (const [k, v] of Object.entries((node.$defs ?? {}) as Record<string, JsonSchema>))
    found.push(...objectNodes(v, `${path}/$defs/${k}`));
  if (node.items) found.push(...objectNodes(node.items as JsonSchema, `${path}/items`));
  ((node.anyOf ?? []) as JsonSchema[]).forEach((m, i) => found.push(...objectNodes(m, `${path}/anyOf/${i}`)));
  return found;
}
