import { ToolDefinitionError } from '../errors/tool-definition.error';
import type { ClassType } from './class-type';
import { Int } from './class-type';
import { collectKeywords } from './constraint-keywords';
import { enumFromFacts } from './enum-values';
import { resolvePresence } from './presence.resolver';
import type { Keywords, PropertyModel, TypeRef } from './type-ref';
import { readPropertyFacts, type PropertyFacts, type ValidatorFact } from './validator-metadata.reader';

type ValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'class' | 'object';

/** Keywords that make sense for each kind; the rest are dropped (`isNotEmpty` on a number, …). */
const KEYWORDS_BY_KIND: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  boolean: ['const'],
};

/** class-validator rules that only pass for one JSON type (validator.js string checks included). */
const KIND_OF_VALIDATOR: Record<string, ValueKind> = {
  isInt: 'integer',
  isNumber: 'number',
  min: 'number',
  max: 'number',
  isPositive: 'number',
  isNegative: 'number',
  isBoolean: 'boolean',
  isDate: 'date',
  isObject: 'object',
};
const STRING_VALIDATORS = new Set(
  (
    'isString isEmail isUuid isUrl isDateString isIso8601 matches minLength maxLength isLength isAlpha ' +
    'isAlphanumeric isAscii isNumberString isDecimal isHexColor isHexadecimal isMongoId isJWT isLowercase ' +
    'isUppercase isPhoneNumber isMobilePhone isPostalCode isIp isFqdn isBase64 contains notContains isJson ' +
    'isCurrency isCreditCard isIsbn isLatLong isMilitaryTime isTimeZone isSemVer isMacAddress'
  ).split(' '),
);

/** Turns what the stores know of one property into its model, or says which decorator is missing. */
export function resolveProperty(target: Function, facts: PropertyFacts): PropertyModel {
  const where = `${target.name}.${facts.key}`;
  const { field, plugin, validators } = facts;
  const fieldType = field?.type?.() as unknown;
  const pluginType = known(plugin?.type?.());
  const isArray =
    fieldType !== undefined
      ? Array.isArray(fieldType)
      : pluginType !== undefined
        ? Array.isArray(pluginType) || plugin?.isArray === true
        : plugin?.enum !== undefined && plugin.isArray === true
          ? true
          : facts.designType === Array ||
            validators.some((v) => v.name === 'isArray' || /^array[A-Z]/.test(v.name)) ||
            ((facts.designType === undefined || facts.designType === Object) &&
              validators.some((v) => v.each && v.name !== 'isOptional'));

  const keywords = collectKeywords(validators, field, isArray);
  const element = (t: unknown) => (Array.isArray(t) ? known(t[0]) : known(t));
  const explicit = element(fieldType) ?? element(pluginType);
  const value = resolveValue(target, where, facts, explicit as Function | undefined, isArray, keywords.value);
  const type: TypeRef = isArray ? { kind: 'array', items: value, keywords: keywords.array } : value;
  const described = field?.description ?? plugin?.description;
  const description = [described, keywords.notes.length > 0 ? `(${keywords.notes.join('; ')})` : undefined]
    .filter(Boolean)
    .join(' ');
  return {
    key: facts.key,
    name: facts.exposedName ?? facts.key,
    type,
    ...resolvePresence(facts),
    ...(description ? { description } : {}),
    example: field?.example ?? plugin?.example,
    default: field?.default ?? plugin?.default,
  };
}

function resolveValue(
  owner: Function,
  where: string,
  facts: PropertyFacts,
  explicit: Function | undefined,
  isArray: boolean,
  keywords: Keywords,
): TypeRef {
  const explicitKind = explicit ? kindOfConstructor(explicit) : undefined;
  const values = explicitKind === 'class' || explicitKind === 'date' ? undefined : enumFromFacts(facts);
  if (values) return { kind: 'enum', values, keywords: {} };

  const discriminator = facts.transformType?.discriminator;
  if (discriminator && !explicit) {
    const members = discriminator.subTypes.map((s) => ({ value: s.name, target: s.value as ClassType }));
    return { kind: 'union', discriminator: discriminator.property, members, keywords: {} };
  }

  const transformed = known(facts.transformType?.typeFunction());
  const ctor = (explicit ?? transformed ?? (isArray ? undefined : known(facts.designType))) as
    Function | undefined;
  const fromValidators = kindFromValidators(facts.validators);
  let kind = explicit
    ? explicitKind
    : (kindOfConstructor(transformed) ?? fromValidators ?? kindOfConstructor(ctor));
  if (kind === 'number' && fromValidators === 'integer') kind = 'integer';
  if (kind === 'object' && ctor && kindOfConstructor(ctor) === 'class') kind = 'class';

  if (kind === 'class') return { kind: 'class', target: ctor as ClassType, keywords: {} };
  if (kind && kind !== 'object') {
    const allowed = KEYWORDS_BY_KIND[kind] ?? [];
    const kept = Object.fromEntries(Object.entries(keywords).filter(([name]) => allowed.includes(name)));
    return { kind, keywords: kept } as TypeRef;
  }
  if (lacksDesignMetadata(owner, facts)) {
    throw new ToolDefinitionError('missing_decorator_metadata', `${where}: ${MISSING_METADATA_FIX}`, {
      target: owner,
      property: facts.key,
    });
  }
  throw new ToolDefinitionError(
    'unknown_property_type',
    `${where}: ${unknownTypeFix(isArray, kind === 'object')}`,
    {
      target: owner,
      property: facts.key,
    },
  );
}

const MISSING_METADATA_FIX =
  `its type is unknown because the build emitted no decorator metadata (no \`design:type\`): ` +
  `\`emitDecoratorMetadata\` is off, or the code was compiled by a tool that does not emit it ` +
  `(tsx, esbuild, Vite, Vitest, Node's type stripping). Either turn on \`experimentalDecorators\` and ` +
  `\`emitDecoratorMetadata\` in tsconfig.json and build with tsc (or SWC with \`legacyDecorator\` and ` +
  `\`decoratorMetadata\`), or give the type explicitly: @Field({ type: () => String }).`;

/**
 * TypeScript emits `design:type` for every decorated property when `emitDecoratorMetadata` is on,
 * so a property with only `@Field`, or a class none of whose decorated properties has one, was
 * built without it (the Swagger plugin's properties carry no decorator, hence no metadata).
 */
function lacksDesignMetadata(owner: Function, facts: PropertyFacts): boolean {
  if (facts.designType !== undefined) return false;
  if (facts.field && facts.validators.length === 0 && !facts.plugin && !facts.transformType) return true;
  const decorated = readPropertyFacts(owner).filter(
    (f) => f.field !== undefined || f.validators.length > 0 || f.transformType !== undefined,
  );
  return decorated.length > 0 && decorated.every((f) => f.designType === undefined);
}

function unknownTypeFix(isArray: boolean, isObject: boolean): string {
  if (isArray) {
    return (
      `the element type of this array is unknown at run time (TypeScript reflects T[] as Array). ` +
      `Add class-transformer's @Type(() => Item) (with @ValidateNested({ each: true }) for classes), a typed rule ` +
      `with { each: true } such as @IsString({ each: true }), or @Field({ type: () => [Item] }).`
    );
  }
  if (isObject) {
    return (
      `@IsObject() alone describes a free-form object (a Record or an interface), which a tool schema cannot state. ` +
      `Model it as a class with @ValidateNested() and @Type(() => SomeClass), or @Field({ type: () => SomeClass }).`
    );
  }
  return (
    `its type is unknown at run time (a union, \`T | null\`, 'any', an interface or a Record reflects as Object or nothing). ` +
    `Add a class-validator type decorator such as @IsString() or @IsEnum(MyEnum), class-transformer's ` +
    `@Type(() => SomeClass), or @Field({ type: () => String, nullable: true }) / @Field({ enum: [...] }).`
  );
}

/** A constructor that says something; `Object`, `Array` and friends say nothing. */
function known<T>(ctor: T): T | undefined {
  const unknowns: unknown[] = [undefined, null, Object, Array, Function, Promise];
  if (unknowns.includes(ctor)) return undefined;
  if (Array.isArray(ctor) && (ctor.length !== 1 || unknowns.includes(ctor[0]) || Array.isArray(ctor[0])))
    return undefined;
  return ctor;
}

function kindOfConstructor(ctor: Function | undefined): ValueKind | undefined {
  if (ctor === undefined || known(ctor) === undefined) return undefined;
  if (ctor === String) return 'string';
  if (ctor === Number) return 'number';
  if (ctor === Int) return 'integer';
  if (ctor === Boolean) return 'boolean';
  if (ctor === Date) return 'date';
  return typeof ctor === 'function' ? 'class' : undefined;
}

/** The JSON type the class-validator rules imply; `isInt` wins over `isNumber` whatever the order. */
function kindFromValidators(validators: ValidatorFact[]): ValueKind | undefined {
  const kinds = new Set(
    validators.map((v) => (STRING_VALIDATORS.has(v.name) ? 'string' : KIND_OF_VALIDATOR[v.name])),
  );
  if (validators.some((v) => v.name === 'equals' && typeof v.constraints[0] === 'boolean'))
    kinds.add('boolean');
  for (const kind of ['integer', 'number', 'boolean', 'date', 'string', 'object'] as const)
    if (kinds.has(kind)) return kind;
  return undefined;
}
