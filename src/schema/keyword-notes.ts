import type { JsonSchema } from './json-schema';

/** How a keyword a dialect cannot send is told to the model instead, in words. */
const NOTES: Record<string, (value: unknown) => string> = {
  minLength: (v) => `at least ${count(v, 'character')}`,
  maxLength: (v) => `at most ${count(v, 'character')}`,
  pattern: (v) => `must match /${v}/`,
  format: (v) => `format: ${v}`,
  minimum: (v) => `minimum ${v}`,
  maximum: (v) => `maximum ${v}`,
  exclusiveMinimum: (v) => `greater than ${v}`,
  exclusiveMaximum: (v) => `less than ${v}`,
  multipleOf: (v) => `a multiple of ${v}`,
  minItems: (v) => `at least ${count(v, 'item')}`,
  maxItems: (v) => `at most ${count(v, 'item')}`,
  uniqueItems: () => 'items must be unique',
  default: (v) => `default: ${JSON.stringify(v)}`,
  examples: (v) => `example: ${JSON.stringify(Array.isArray(v) ? v[0] : v)}`,
  const: (v) => `must be ${JSON.stringify(v)}`,
};

function count(n: unknown, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Removes the keywords a dialect does not accept from one schema node and appends their meaning
 * to its `description`, so the model still reads the rule (validation still enforces it).
 */
export function moveToDescription(node: JsonSchema, dropped: readonly string[]): JsonSchema {
  const notes: string[] = [];
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (dropped.includes(keyword)) {
      const note = NOTES[keyword];
      if (note) notes.push(note(value));
    } else {
      out[keyword] = value;
    }
  }
  if (notes.length > 0) {
    const base = typeof out.description === 'string' ? `${out.description} ` : '';
    out.description = `${base}(${notes.join('; ')})`;
  }
  return out;
}
