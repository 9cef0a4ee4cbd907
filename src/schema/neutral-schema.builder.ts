import { resolveClassModel } from '../metadata/class-model.resolver';
import type { ClassType } from '../metadata/class-type';
import type { ClassModel, PropertyModel, TypeRef } from '../metadata/type-ref';
import type { JsonSchema } from './json-schema';

/**
 * Builds the neutral JSON Schema of a class: the root object inline, every nested class once in
 * `$defs` (referenced by `$ref`, so recursive classes are fine here).
 */
export function buildNeutralSchema(target: ClassType): JsonSchema {
  const defs: Defs = { byClass: new Map(), names: new Set(), ordered: [] };
  const schema = objectSchema(resolveClassModel(target), defs);
  // The tool's description travels beside the parameters, not inside them.
  delete schema.description;
  if (defs.ordered.length > 0) schema.$defs = Object.fromEntries(defs.ordered.map((d) => [d.name, d.schema]));
  return schema;
}

interface DefEntry {
  name: string;
  schema: JsonSchema;
}
interface Defs {
  byClass: Map<ClassType, Map<string, DefEntry>>;
  names: Set<string>;
  ordered: DefEntry[];
}

function objectSchema(model: ClassModel, defs: Defs): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const p of model.properties) {
    properties[p.name] = propertySchema(p, defs);
    if (!p.optional) required.push(p.name);
  }
  const schema: JsonSchema = { type: 'object', properties, required, additionalProperties: false };
  if (model.description) schema.description = model.description;
  return schema;
}

function propertySchema(p: PropertyModel, defs: Defs): JsonSchema {
  let schema = typeSchema(p.type, defs);
  if (p.nullable) schema = withNull(schema);
  if (p.description) schema.description = p.description;
  if (p.example !== undefined) schema.examples = [p.example];
  if (p.default !== undefined) schema.default = p.default;
  return schema;
}

/** The schema of a type, without the property's own annotations. */
function typeSchema(type: TypeRef, defs: Defs): JsonSchema {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return { type: type.kind, ...type.keywords };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { ...enumType(type.values), enum: [...type.values] };
    case 'object':
      return { type: 'object' };
    case 'class':
      return { $ref: `#/$defs/${defName(type.target, defs)}` };
    case 'union':
      return {
        anyOf: type.members.map((m) => ({
          $ref: `#/$defs/${defName(m.target, defs, { discriminator: type.discriminator, value: m.value })}`,
        })),
      };
    case 'array':
      return { type: 'array', items: typeSchema(type.items, defs), ...type.keywords };
  }
}

function enumType(values: Array<string | number>): JsonSchema {
  if (values.every((v) => typeof v === 'string')) return { type: 'string' };
  if (values.every((v) => Number.isInteger(v))) return { type: 'integer' };
  if (values.every((v) => typeof v === 'number')) return { type: 'number' };
  return {};
}

function withNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && !schema.$ref) {
    const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function defName(target: ClassType, defs: Defs, variant?: { discriminator: string; value: string }): string {
  const variantKey = variant ? `${variant.discriminator}=${variant.value}` : '';
  let forClass = defs.byClass.get(target);
  if (!forClass) defs.byClass.set(target, (forClass = new Map()));
  const existing = forClass.get(variantKey);
  if (existing) return existing.name;

  const model = resolveClassModel(target);
  let name = model.name;
  for (let i = 2; defs.names.has(name); i++) name = `${model.name}${i}`;
  const entry: DefEntry = { name, schema: {} };
  forClass.set(variantKey, entry);
  defs.names.add(name);
  defs.ordered.push(entry);
  const schema = objectSchema(model, defs);
  if (variant) {
    // class-transformer reads the discriminator to pick the class: the model must send it (first,
    // replacing the member's own declaration of it, if any).
    const { [variant.discriminator]: _own, ...rest } = schema.properties as JsonSchema;
    schema.properties = { [variant.discriminator]: { type: 'string', enum: [variant.value] }, ...rest };
    schema.required = [
      variant.discriminator,
      ...(schema.required as string[]).filter((r) => r !== variant.discriminator),
    ];
  }
  entry.schema = schema;
  return name;
}
