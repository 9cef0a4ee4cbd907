import type { FieldOptions } from '../decorators/field.options';
import type { Keywords } from './type-ref';
import type { ValidatorFact } from './validator-metadata.reader';

/** Where a keyword belongs: on the value itself, or on the array that holds it. */
export type KeywordLevel = 'value' | 'array';

/** class-validator rules that become JSON Schema keywords, whatever their order on the property. */
const VALIDATOR_KEYWORDS: Record<string, (c: unknown[]) => [KeywordLevel, Keywords]> = {
  min: (c) => ['value', { minimum: c[0] }],
  max: (c) => ['value', { maximum: c[0] }],
  isPositive: () => ['value', { exclusiveMinimum: 0 }],
  isNegative: () => ['value', { exclusiveMaximum: 0 }],
  minLength: (c) => ['value', { minLength: c[0] }],
  maxLength: (c) => ['value', { maxLength: c[0] }],
  isLength: (c) => ['value', c[1] === undefined ? { minLength: c[0] } : { minLength: c[0], maxLength: c[1] }],
  isNotEmpty: () => ['value', { minLength: 1 }],
  matches: (c) => ['value', { pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) }],
  isEmail: () => ['value', { format: 'email' }],
  isUuid: () => ['value', { format: 'uuid' }],
  isUrl: () => ['value', { format: 'uri' }],
  isDateString: () => ['value', { format: 'date-time' }],
  isIso8601: () => ['value', { format: 'date-time' }],
  arrayMinSize: (c) => ['array', { minItems: c[0] }],
  arrayMaxSize: (c) => ['array', { maxItems: c[0] }],
  arrayNotEmpty: () => ['array', { minItems: 1 }],
  arrayUnique: () => ['array', { uniqueItems: true }],
};

/**
 * Schema keywords implied by class-validator rules, split by level. `each: true` rules apply to
 * the elements of an array property.
 */
export function keywordsFromValidators(validators: ValidatorFact[], isArray: boolean): Record<KeywordLevel, Keywords> {
  const out: Record<KeywordLevel, Keywords> = { value: {}, array: {} };
  for (const v of validators) {
    const map = VALIDATOR_KEYWORDS[v.name];
    if (!map) continue;
    const [level, keywords] = map(v.constraints);
    // A value rule without `each` on an array property checks the array itself: leave it out.
    if (level === 'value' && isArray && !v.each) continue;
    Object.assign(out[level], keywords);
  }
  // isNotEmpty only constrains strings; on other types it means "present", which required says.
  return out;
}

/** Schema keywords given directly in `@Field` options, split by level. */
export function keywordsFromField(field: FieldOptions | undefined): Record<KeywordLevel, Keywords> {
  const value: Keywords = {};
  const array: Keywords = {};
  if (!field) return { value, array };
  const copy = (to: Keywords, name: keyof FieldOptions) => {
    if (field[name] !== undefined) to[name] = field[name];
  };
  for (const name of ['minimum', 'maximum', 'minLength', 'maxLength', 'format'] as const) copy(value, name);
  if (field.pattern !== undefined) value.pattern = field.pattern instanceof RegExp ? field.pattern.source : field.pattern;
  for (const name of ['minItems', 'maxItems', 'uniqueItems'] as const) copy(array, name);
  return { value, array };
}
