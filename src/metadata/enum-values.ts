import type { EnumLike } from '../decorators/field.options';

/**
 * The values of an enum option. For a TypeScript numeric enum the reverse-mapping keys
 * (`{ 0: 'Low' }`) are dropped, so only the real values remain.
 */
export function enumValues(e: EnumLike | undefined): Array<string | number> {
  if (!e) return [];
  if (Array.isArray(e)) return [...e];
  const record = e as Record<string, string | number>;
  return Object.keys(record)
    .filter((k) => !(typeof record[record[k]] === 'number' && Number.isNaN(Number(k)) === false))
    .map((k) => record[k]);
}
