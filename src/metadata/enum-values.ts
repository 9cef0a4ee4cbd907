import type { EnumLike } from '../decorators/field.options';
import type { PropertyFacts } from './validator-metadata.reader';

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

/** True for a TypeScript enum object with numeric members (it maps their values back to names). */
export function isNumericEnum(e: unknown): e is Record<string, string | number> {
  return (
    !!e && typeof e === 'object' && !Array.isArray(e) && Object.values(e).some((v) => typeof v === 'number')
  );
}

/**
 * The allowed values of a property: `@Field({ enum })` first, else every class-validator enum rule
 * (`IsEnum`, `IsIn`, `Equals`; all must pass, so their intersection), else the Swagger plugin's enum.
 * Values other than strings and numbers are left out: the schema may only be stricter.
 */
export function enumFromFacts(facts: PropertyFacts): Array<string | number> | undefined {
  if (facts.field?.enum !== undefined) return enumValues(facts.field.enum);
  let values: Array<string | number> | undefined;
  for (const v of facts.validators) {
    let own: unknown[] | undefined;
    if (v.name === 'isEnum') own = enumValues(v.constraints[0] as EnumLike);
    else if (v.name === 'isIn' && Array.isArray(v.constraints[0])) own = v.constraints[0];
    else if (v.name === 'equals' && typeof v.constraints[0] !== 'boolean') own = [v.constraints[0]];
    if (!own) continue;
    const scalars = own.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
    values = values ? values.filter((x) => scalars.includes(x)) : scalars;
  }
  if (values && values.length > 0) return values;
  const plugin = facts.plugin?.enum;
  return plugin === undefined ? undefined : enumValues(plugin as EnumLike);
}
