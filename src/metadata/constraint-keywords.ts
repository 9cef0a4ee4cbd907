import type { FieldOptions } from '../decorators/field.options';
import type { Keywords } from './type-ref';
import type { ValidatorFact } from './validator-metadata.reader';

/** Where a keyword belongs: on the value itself, or on the array that holds it. */
export type KeywordLevel = 'value' | 'array';

/** Keywords of one property, by level, plus rules the schema can only state in words. */
export interface PropertyKeywords {
  value: Keywords;
  array: Keywords;
  notes: string[];
}

/**
 * validator.js's UUID versions, as JSON Schema patterns (no flags: both cases spelled out). `all`
 * is versions 1-8; its nil and max UUIDs are left out, which only makes the schema stricter.
 */
const HEX = '[0-9a-fA-F]';
const uuidPattern = (version: string) =>
  `^${HEX}{8}-${HEX}{4}-${version}${HEX}{3}-[89abAB]${HEX}{3}-${HEX}{12}$`;

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
  equals: (c) => ['value', typeof c[0] === 'boolean' ? { const: c[0] } : {}],
  matches: (c) => ['value', { pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) }],
  isEmail: () => ['value', { format: 'email' }],
  isUuid: (c) => ['value', { format: 'uuid', pattern: uuidRule(c[0]) }],
  isUrl: () => ['value', { format: 'uri' }],
  isDateString: () => ['value', { format: 'date-time' }],
  isIso8601: () => ['value', { format: 'date-time' }],
  arrayMinSize: (c) => ['array', { minItems: c[0] }],
  arrayMaxSize: (c) => ['array', { maxItems: c[0] }],
  arrayNotEmpty: () => ['array', { minItems: 1 }],
  arrayUnique: () => ['array', { uniqueItems: true }],
};

/** Rules that shape the type, presence or nesting: they say nothing the keywords should repeat. */
const STRUCTURAL = new Set([
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isDate',
  'isEnum',
  'isIn',
  'equals',
  'isArray',
  'isObject',
  'isOptional',
  'isNullable',
  'isDefined',
  'conditionalValidation',
  'nestedValidation',
  'whitelistValidation',
  'customValidation',
  'promiseValidation',
]);

/** Keywords merged by taking the stricter bound, so decorator order never matters. */
const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems']);

/**
 * Schema keywords implied by class-validator rules and `@Field` options, split by level; rules
 * with no keyword become notes for the description. `each: true` rules apply to the elements of
 * an array property; a value rule without `each` on an array checks the array itself and is left out.
 */
export function collectKeywords(
  validators: ValidatorFact[],
  field: FieldOptions | undefined,
  isArray: boolean,
): PropertyKeywords {
  const out: PropertyKeywords = { value: {}, array: {}, notes: [] };
  for (const v of validators) {
    const map = VALIDATOR_KEYWORDS[v.name];
    if (map) {
      const [level, keywords] = map(v.constraints);
      if (level === 'value' && isArray && !v.each) continue;
      merge(out[level], keywords);
    } else if (v.name === 'isNumber' && typeof (v.constraints[0] as any)?.maxDecimalPlaces === 'number') {
      out.notes.push(`at most ${(v.constraints[0] as any).maxDecimalPlaces} decimal places`);
    } else if (!STRUCTURAL.has(v.name)) {
      out.notes.push(`must pass ${v.name}`);
    }
  }
  if (field) {
    const value: Keywords = {};
    for (const name of ['minimum', 'maximum', 'minLength', 'maxLength', 'format'] as const) {
      if (field[name] !== undefined) value[name] = field[name];
    }
    if (field.pattern !== undefined)
      value.pattern = field.pattern instanceof RegExp ? field.pattern.source : field.pattern;
    merge(out.value, value);
    // `@Field({ format: 'uuid' })` installs `@IsUUID('all')`, which is stricter than the format.
    if (field.format === 'uuid') merge(out.value, { pattern: uuidRule('all') });
    merge(out.array, {
      minItems: field.minItems,
      maxItems: field.maxItems,
      uniqueItems: field.uniqueItems || undefined,
    });
  }
  return { value: canonical(out.value), array: canonical(out.array), notes: [...new Set(out.notes)].sort() };
}

/** Keywords in one fixed order, so that the schema text never depends on decorator order. */
const KEYWORD_ORDER = [
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
];
function canonical(keywords: Keywords): Keywords {
  const names = Object.keys(keywords).sort((a, b) => KEYWORD_ORDER.indexOf(a) - KEYWORD_ORDER.indexOf(b));
  return Object.fromEntries(names.map((name) => [name, keywords[name]]));
}

function merge(into: Keywords, keywords: Keywords): void {
  for (const [name, value] of Object.entries(keywords)) {
    if (value === undefined) continue;
    const current = into[name];
    if (typeof current === 'number' && typeof value === 'number') {
      if (LOWER_BOUNDS.has(name)) into[name] = Math.max(current, value);
      else if (UPPER_BOUNDS.has(name)) into[name] = Math.min(current, value);
      else into[name] = value;
    } else if (name === 'pattern' && typeof current === 'string' && current !== value) {
      // Two patterns must both match: a lookahead joins them in one keyword.
      into[name] = `^(?=${current})(?=${value as string})`;
    } else if (name !== 'format' || current === undefined) {
      into[name] = value;
    }
  }
}

/** The pattern of `@IsUUID(version)`: `format: uuid` alone admits ids validator.js refuses. */
function uuidRule(version: unknown): string {
  const versions = (Array.isArray(version) ? version : [version ?? 'all']).map(String);
  const one = (v: string) =>
    /^[1-8]$/.test(v) ? uuidPattern(v) : v === 'all' ? uuidPattern('[1-8]') : undefined;
  const patterns = versions.map(one);
  if (patterns.some((p) => p === undefined)) return `^${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}$`;
  return patterns.length === 1 ? patterns[0]! : `^(?:${patterns.map((p) => p!.slice(1, -1)).join('|')})$`;
}
