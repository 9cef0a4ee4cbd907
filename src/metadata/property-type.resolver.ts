import { ToolDefinitionError } from '../errors/tool-definition.error';
import type { ClassType } from './class-type';
import { Int } from './class-type';
import { keywordsFromField, keywordsFromValidators } from './constraint-keywords';
import { enumValues } from './enum-values';
import type { Keywords, PropertyModel, TypeRef } from './type-ref';
import type { PropertyFacts, ValidatorFact } from './validator-metadata.reader';

/** Keywords that make sense for each kind; the rest are dropped (`isNotEmpty` on a number, …). */
const KEYWORDS_BY_KIND: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  enum: [],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  boolean: [],
  date: [],
  class: [],
  union: [],
  object: [],
};

const SCALAR_VALIDATORS: Record<string, 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'object'> = {
  isString: 'string',
  isEmail: 'string',
  isUuid: 'string',
  isUrl: 'string',
  isDateString: 'string',
  isIso8601: 'string',
  matches: 'string',
  isNumber: 'number',
  isInt: 'integer',
  isBoolean: 'boolean',
  isDate: 'date',
  isObject: 'object',
};

/** Turns what the stores know of one property into its model, or says which decorator is missing. */
export function resolveProperty(target: Function, facts: PropertyFacts): PropertyModel {
  const where = `${target.name}.${facts.key}`;
  const { field, plugin, validators } = facts;
  const explicit = field?.type?.() ?? plugin?.type?.();
  const explicitIsArray = Array.isArray(explicit);
  const isArray =
    explicitIsArray ||
    (field?.type === undefined && plugin?.isArray === true) ||
    facts.designType === Array ||
    validators.some((v) => v.name === 'isArray' || (v.each && v.name !== 'nestedValidation' && v.name !== 'isOptional'));

  const fromValidators = keywordsFromValidators(validators, isArray);
  const fromField = keywordsFromField(field);
  const valueKeywords = { ...fromValidators.value, ...fromField.value };
  const value = resolveValueType(where, facts, explicitIsArray ? (explicit as unknown[])[0] : explicit, isArray, valueKeywords);
  const type: TypeRef = isArray ? { kind: 'array', items: value, keywords: { ...fromValidators.array, ...fromField.array } } : value;

  const cvOptional = validators.some((v) => v.name === 'isOptional');
  const optional = field?.optional ?? (cvOptional || plugin?.required === false);
  const nullable = field?.nullable ?? (cvOptional || plugin?.nullable === true);
  return {
    key: facts.key,
    name: facts.exposedName ?? facts.key,
    type,
    optional,
    nullable,
    description: field?.description ?? plugin?.description,
    example: field?.example ?? plugin?.example,
    default: field?.default ?? plugin?.default,
  };
}

function resolveValueType(
  where: string,
  facts: PropertyFacts,
  explicit: unknown,
  isArray: boolean,
  keywords: Keywords,
): TypeRef {
  const keep = (kind: string) => pick(keywords, KEYWORDS_BY_KIND[kind] ?? []);
  const { validators } = facts;

  const values = enumFrom(facts);
  if (values) return { kind: 'enum', values, keywords: {} };

  const discriminator = facts.transformType?.discriminator;
  if (discriminator) {
    return {
      kind: 'union',
      discriminator: discriminator.property,
      members: discriminator.subTypes.map((s) => ({ value: s.name, target: s.value as ClassType })),
      keywords: {},
    };
  }

  const ctor = (explicit as Function | undefined) ?? facts.transformType?.typeFunction() ?? undefined;
  const scalar = scalarFromValidators(validators);
  const kind = ctor ? kindOfConstructor(ctor) : (scalar ?? kindOfConstructor(isArray ? undefined : facts.designType));

  if (kind === 'class') return { kind: 'class', target: (ctor ?? facts.designType) as ClassType, keywords: {} };
  if (kind === 'number' && scalar === 'integer') return { kind: 'integer', keywords: keep('integer') };
  if (kind) return { kind, keywords: keep(kind) } as TypeRef;

  const fix = isArray
    ? `the element type of this array is unknown at run time (TypeScript reflects T[] as Array). ` +
      `Add @Field({ type: () => [Item] }), class-transformer's @Type(() => Item), or a typed rule with ` +
      `{ each: true } such as @IsString({ each: true }).`
    : `its type is unknown at run time (a union, 'any', an interface or a Record reflects as Object or nothing). ` +
      `Add @Field({ type: () => SomeClass }), @Field({ enum: [...] }), or a class-validator type decorator such as @IsString().`;
  throw new ToolDefinitionError('unknown_property_type', `${where}: ${fix}`, { target: facts.designType, property: facts.key });
}

function kindOfConstructor(ctor: Function | undefined): 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'class' | undefined {
  if (ctor === undefined || ctor === Object || ctor === Array || ctor === Function || ctor === Promise) return undefined;
  if (ctor === String) return 'string';
  if (ctor === Number) return 'number';
  if (ctor === Int) return 'integer';
  if (ctor === Boolean) return 'boolean';
  if (ctor === Date) return 'date';
  return typeof ctor === 'function' ? 'class' : undefined;
}

/** The scalar type the class-validator rules imply; `isInt` wins over `isNumber` whatever the order. */
function scalarFromValidators(validators: ValidatorFact[]): 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'object' | undefined {
  const kinds = new Set(validators.map((v) => SCALAR_VALIDATORS[v.name]).filter(Boolean));
  for (const kind of ['integer', 'number', 'boolean', 'date', 'string', 'object'] as const) if (kinds.has(kind)) return kind;
  return undefined;
}

function enumFrom(facts: PropertyFacts): Array<string | number> | undefined {
  if (facts.field?.enum !== undefined) return enumValues(facts.field.enum);
  for (const v of facts.validators) {
    if (v.name === 'isEnum') return enumValues(v.constraints[0] as Record<string, string | number>);
    if (v.name === 'isIn') return [...(v.constraints[0] as Array<string | number>)];
    if (v.name === 'equals') return [v.constraints[0] as string | number];
  }
  if (facts.plugin?.enum !== undefined) return enumValues(facts.plugin.enum as Record<string, string | number>);
  return undefined;
}

function pick(keywords: Keywords, names: readonly string[]): Keywords {
  const out: Keywords = {};
  for (const name of names) if (keywords[name] !== undefined) out[name] = keywords[name];
  return out;
}
