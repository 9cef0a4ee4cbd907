import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsISO8601,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { FieldOptions } from '../decorators/field.options';

/** One rule the schema promises: installed unless the property already has it. */
export interface Rule {
  name: string;
  each: boolean;
  /** Compared too when given: `Min(1)` does not stand in for `Min(5)`. */
  constraints?: unknown[];
  decorator: PropertyDecorator;
}

/** The rules `@Field`'s constraint options promise (`minimum` → `@Min`, `format: 'email'` → `@IsEmail`, …). */
export function fieldRules(field: FieldOptions | undefined, isArray: boolean): Rule[] {
  if (!field) return [];
  const each = { each: isArray };
  const rules: Rule[] = [];
  const add = (
    name: string,
    constraint: unknown,
    decorator: PropertyDecorator,
    level: 'value' | 'array' = 'value',
  ) =>
    rules.push({
      name,
      each: level === 'value' && isArray,
      constraints: constraint === undefined ? undefined : [constraint],
      decorator,
    });
  if (field.minimum !== undefined) add('min', field.minimum, Min(field.minimum, each));
  if (field.maximum !== undefined) add('max', field.maximum, Max(field.maximum, each));
  if (field.minLength !== undefined) add('minLength', field.minLength, MinLength(field.minLength, each));
  if (field.maxLength !== undefined) add('maxLength', field.maxLength, MaxLength(field.maxLength, each));
  if (field.pattern !== undefined) {
    const regexp = field.pattern instanceof RegExp ? field.pattern : new RegExp(field.pattern, 'u');
    add('matches', regexp, Matches(regexp, each));
  }
  if (field.minItems !== undefined)
    add('arrayMinSize', field.minItems, ArrayMinSize(field.minItems), 'array');
  if (field.maxItems !== undefined)
    add('arrayMaxSize', field.maxItems, ArrayMaxSize(field.maxItems), 'array');
  if (field.uniqueItems) add('arrayUnique', undefined, ArrayUnique(), 'array');
  const format = FORMAT_RULES[field.format ?? ''];
  if (format) add(format.name, undefined, format.decorator(each));
  return rules;
}

/** `@Field({ format })` values that are validated too (others only inform the model). */
const FORMAT_RULES: Record<
  string,
  { name: string; decorator: (each: { each: boolean }) => PropertyDecorator }
> = {
  email: { name: 'isEmail', decorator: (each) => IsEmail({}, each) },
  uuid: { name: 'isUuid', decorator: (each) => IsUUID('all', each) },
  uri: { name: 'isUrl', decorator: (each) => IsUrl({ require_tld: false }, each) },
  'date-time': { name: 'isIso8601', decorator: (each) => IsISO8601({ strict: true }, each) },
  date: { name: 'matches', decorator: (each) => Matches(/^\d{4}-\d{2}-\d{2}$/, each) },
};
