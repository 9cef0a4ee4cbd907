import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { FieldOptions } from '../decorators/field.options';
import type { PropertyModel, TypeRef } from './type-ref';

/**
 * Installs the class-validator and class-transformer metadata that a `@Field` property implies,
 * so `@Tool`/`@Field` classes validate completely. Type rules are installed only where the user
 * wrote no class-validator rule of their own (their DTO rules stay the truth); constraints given
 * in `@Field` options are always installed, so what the schema promises is checked.
 */
export function installFieldValidation(
  target: Function,
  property: PropertyModel,
  field: FieldOptions,
  hasOwnRules: boolean,
  hasOwnTransformType: boolean,
): void {
  const decorate = (...decorators: PropertyDecorator[]) => {
    for (const d of decorators) d((target as any).prototype, property.key);
  };
  const isArray = property.type.kind === 'array';
  const value = property.type.kind === 'array' ? property.type.items : property.type;
  const each = { each: isArray };

  if (!hasOwnRules) {
    if (property.optional) decorate(IsOptional());
    else if (property.nullable) decorate(ValidateIf((object) => object[property.key] !== null));
    if (isArray) decorate(IsArray());
    decorate(...typeRules(value, each));
  } else {
    decorate(Allow());
  }
  if (!hasOwnTransformType) {
    if (value.kind === 'class') decorate(Type(() => value.target));
    if (value.kind === 'date') decorate(Type(() => Date));
  }
  decorate(...constraintRules(field, each));
}

function typeRules(value: TypeRef, each: { each: boolean }): PropertyDecorator[] {
  switch (value.kind) {
    case 'string':
      return [IsString(each)];
    case 'number':
      return [IsNumber({ allowNaN: false, allowInfinity: false }, each)];
    case 'integer':
      return [IsInt(each)];
    case 'boolean':
      return [IsBoolean(each)];
    case 'date':
      return [IsDate(each)];
    case 'enum':
      return [IsIn(value.values, each)];
    case 'class':
      return [IsObject(each), ValidateNested(each)];
    default:
      return [IsObject(each)];
  }
}

function constraintRules(field: FieldOptions, each: { each: boolean }): PropertyDecorator[] {
  const rules: PropertyDecorator[] = [];
  if (field.minimum !== undefined) rules.push(Min(field.minimum, each));
  if (field.maximum !== undefined) rules.push(Max(field.maximum, each));
  if (field.minLength !== undefined) rules.push(MinLength(field.minLength, each));
  if (field.maxLength !== undefined) rules.push(MaxLength(field.maxLength, each));
  if (field.pattern !== undefined) rules.push(Matches(toRegExp(field.pattern), each));
  if (field.minItems !== undefined) rules.push(ArrayMinSize(field.minItems));
  if (field.maxItems !== undefined) rules.push(ArrayMaxSize(field.maxItems));
  if (field.uniqueItems) rules.push(ArrayUnique());
  const format = FORMAT_RULES[field.format ?? ''];
  if (format) rules.push(format(each));
  return rules;
}

const FORMAT_RULES: Record<string, (each: { each: boolean }) => PropertyDecorator> = {
  email: (each) => IsEmail({}, each),
  uuid: (each) => IsUUID('all', each),
  uri: (each) => IsUrl({ require_tld: false }, each),
  'date-time': (each) => IsISO8601({ strict: true }, each),
  date: (each) => Matches(/^\d{4}-\d{2}-\d{2}$/, each),
};

function toRegExp(pattern: string | RegExp): RegExp {
  return pattern instanceof RegExp ? pattern : new RegExp(pattern, 'u');
}
