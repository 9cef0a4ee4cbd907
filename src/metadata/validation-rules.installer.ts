import { Type } from 'class-transformer';
import {
  buildMessage,
  getMetadataStorage,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isValidatingToolCall } from './tool-call.scope';
import { enumValues, isNumericEnum } from './enum-values';
import { fieldRules, type Rule } from './field-options.rules';
import type { PropertyModel, TypeRef } from './type-ref';
import { addNullableRule, NULLABLE_MARKER } from './validation-markers';
import type { PropertyFacts, ValidatorFact } from './validator-metadata.reader';

/** Marks the member-name guard of a numeric `@IsEnum`, so it is installed once. */
const ENUM_GUARD = Symbol('parallel-tools:enum-guard');

/**
 * Makes a property's validation keep the promises of its schema. A property described by
 * `@Field` (or only by the Swagger plugin) gets every rule its schema implies that it lacks: type,
 * enum, nested class, array, optional/nullable, `@Field` constraints. A class-validator DTO keeps
 * its own rules; only what it cannot work without is added: class-transformer's `@Type` for a
 * nested class or a `Date`, and a guard that refuses a numeric enum's member names (class-validator's
 * `IsEnum` accepts `'High'` for `Priority.High = 2`), active only while a tool call is validated.
 */
export function installMissingRules(target: Function, property: PropertyModel, facts: PropertyFacts): void {
  const present = (rule: Rule) =>
    facts.validators.some(
      (v) =>
        v.name === rule.name &&
        v.each === rule.each &&
        (!rule.constraints || sameConstraints(v.constraints, rule.constraints)),
    );
  const isArray = property.type.kind === 'array';
  const value = property.type.kind === 'array' ? property.type.items : property.type;

  const declared = facts.field !== undefined || (facts.validators.length === 0 && facts.plugin !== undefined);
  if (declared && facts.owner) {
    const hasEnumRule = facts.validators.some((v) => ['isEnum', 'isIn', 'equals'].includes(v.name));
    const rules = [
      ...presenceRules(property),
      ...typeRules(value, isArray, hasEnumRule),
      ...fieldRules(facts.field, isArray),
    ];
    installOn(
      facts.owner,
      property.key,
      rules.filter((r) => !present(r)),
    );
  }
  for (const v of facts.validators) {
    if (
      v.name === 'isEnum' &&
      isNumericEnum(v.constraints[0]) &&
      !facts.validators.some((g) => g.constraints[2] === ENUM_GUARD)
    ) {
      installOn(v.target, property.key, [enumGuard(v)]);
    }
  }
  if (!facts.transformType && (value.kind === 'class' || value.kind === 'date')) {
    const ctor = value.kind === 'class' ? value.target : Date;
    Type(() => ctor)((target as any).prototype, property.key);
  }
}

function presenceRules(p: PropertyModel): Rule[] {
  if (p.optional) return [{ name: 'isOptional', each: false, decorator: IsOptional() }];
  if (p.nullable)
    return [
      {
        name: NULLABLE_MARKER,
        each: false,
        decorator: (proto, key) => addNullableRule(proto.constructor, key as string),
      },
    ];
  return [];
}

function typeRules(value: TypeRef, isArray: boolean, hasEnumRule: boolean): Rule[] {
  const each = isArray;
  const rules: Rule[] = isArray ? [{ name: 'isArray', each: false, decorator: IsArray() }] : [];
  const rule = (name: string, decorator: PropertyDecorator) => rules.push({ name, each, decorator });
  const options = { each };
  if (value.kind === 'string') rule('isString', IsString(options));
  if (value.kind === 'number') rule('isNumber', IsNumber({ allowNaN: false, allowInfinity: false }, options));
  if (value.kind === 'integer') rule('isInt', IsInt(options));
  if (value.kind === 'boolean') rule('isBoolean', IsBoolean(options));
  if (value.kind === 'date') rule('isDate', IsDate(options));
  if (value.kind === 'enum' && !hasEnumRule) rule('isIn', IsIn(value.values, options));
  if (value.kind === 'class' || value.kind === 'union') {
    rule('isObject', IsObject(options));
    rule('nestedValidation', ValidateNested(options));
  }
  return rules;
}

function enumGuard(rule: ValidatorFact): Rule {
  const entity = rule.constraints[0] as Record<string, string | number>;
  const values = enumValues(entity);
  const decorator = ValidateBy(
    {
      name: 'isEnum',
      constraints: [entity, values, ENUM_GUARD],
      validator: {
        validate: (value) => values.includes(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be one of the following values: $constraint2`,
        ),
      },
    },
    { each: rule.each, validateIf: () => isValidatingToolCall() },
  );
  return { name: 'isEnum', each: rule.each, decorator };
}

/**
 * Applies rules on `owner`. class-validator lets a class's own rules of one kind (custom,
 * conditional, nested) hide its ancestors' rules of that kind on the same property, so the rules
 * the owner inherited until now are copied onto it first where a new rule would hide them.
 */
function installOn(owner: Function, key: string, rules: Rule[]): void {
  if (rules.length === 0) return;
  const apply = () => rules.forEach((rule) => rule.decorator((owner as any).prototype, key));
  // A class with no superclass inherits nothing to hide (the common case, and mapped types' classes).
  if (Object.getPrototypeOf(owner) === Function.prototype) return apply();
  const storage = getMetadataStorage();
  const forKey = () =>
    storage.getTargetValidationMetadatas(owner, '', true, false).filter((m) => m.propertyName === key);
  const before = forKey();
  const ownTypes = new Set(before.filter((m) => m.target === owner).map((m) => m.type));
  apply();
  const added = new Set(
    forKey()
      .filter((m) => m.target === owner && !ownTypes.has(m.type))
      .map((m) => m.type),
  );
  for (const m of before)
    if (m.target !== owner && added.has(m.type)) storage.addValidationMetadata({ ...m, target: owner });
}

function sameConstraints(a: unknown[], b: unknown[]): boolean {
  const text = (c: unknown[]) =>
    JSON.stringify(c, (_k, v) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
  return text(a.slice(0, b.length)) === text(b);
}
