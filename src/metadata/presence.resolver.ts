import type { PropertyFacts, ValidatorFact } from './validator-metadata.reader';
import { NULLABLE_MARKER } from './validation-markers';

/** Whether a property may be left out, and whether it may be `null`. */
export interface Presence {
  optional: boolean;
  nullable: boolean;
}

/**
 * Reads presence from `@Field` options, then from class-validator (`@IsOptional()` skips every
 * rule for `null` and `undefined`, and beats `@IsDefined()`; a `@ValidateIf` that only looks at
 * the value is probed), and from the Swagger plugin only for a property with no rule of its own,
 * since class-validator rules refuse what the plugin's `?` or `| null` would allow.
 */
export function resolvePresence(facts: PropertyFacts): Presence {
  const { field, plugin, validators } = facts;
  const has = (name: string) => validators.some((v) => v.name === name);
  const isOptional = has('isOptional');
  const conditional = validators.filter((v) => v.name === 'conditionalValidation').map(probeCondition);
  const skipsUndefined = conditional.some((c) => c?.skipsUndefined);
  const skipsNull = conditional.some((c) => c?.skipsNull);
  const pluginOnly = validators.length === 0 && field === undefined;
  return {
    optional: field?.optional ?? (isOptional || skipsUndefined || (pluginOnly && plugin?.required === false)),
    nullable:
      field?.nullable ??
      (isOptional || has(NULLABLE_MARKER) || skipsNull || (pluginOnly && plugin?.nullable === true)),
  };
}

/**
 * What a `@ValidateIf(condition)` skips, when its condition depends on the value alone (as
 * `PartialType(C, { skipNullProperties: false })`'s does); undefined when it looks at other
 * properties, since then the property is only sometimes checked and the schema keeps it required.
 */
function probeCondition(rule: ValidatorFact): { skipsUndefined: boolean; skipsNull: boolean } | undefined {
  const condition = rule.constraints[0];
  if (typeof condition !== 'function') return undefined;
  try {
    const validates = (value: unknown) => condition({}, value) === true;
    if (!validates('probe') || !validates(0)) return undefined;
    return { skipsUndefined: !validates(undefined), skipsNull: !validates(null) };
  } catch {
    return undefined;
  }
}
