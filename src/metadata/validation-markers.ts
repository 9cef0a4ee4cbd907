import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { FieldOptions } from '../decorators/field.options';

/** Name of the class-validator entry that carries a property's `@Field` options. */
export const FIELD_MARKER = 'parallelToolsField';
/** Name of the conditional rule that lets `null` through (a nullable, required property). */
export const NULLABLE_MARKER = 'isNullable';

/**
 * Records `@Field` options in class-validator's own store as a whitelist entry (never executed).
 * Whatever copies class-validator metadata copies them too: NestJS mapped types (`PartialType`,
 * `PickType`, …) carry `@Field` descriptions and types to the classes they make, and the property
 * is whitelisted for plain class-validator calls from the start.
 */
export function addFieldMarker(target: Function, key: string, options: FieldOptions): void {
  addRawMetadata(target, key, ValidationTypes.WHITELIST, FIELD_MARKER, [options]);
}

/** Property name of the entry that makes class-validator know a class without properties. */
export const CLASS_MARKER_KEY = 'parallelTools:class';

/**
 * Gives a class with no properties (a tool without arguments) one whitelist entry: class-validator
 * refuses an instance of a class it has no metadata for (`forbidUnknownValues`).
 */
export function addClassMarker(target: Function): void {
  addRawMetadata(target, CLASS_MARKER_KEY, ValidationTypes.WHITELIST, CLASS_MARKER_KEY, []);
}

/**
 * Makes class-validator skip every rule of a property when it is `null` (and only then), the way
 * `@IsOptional()` does for `null` and `undefined`: a required property that may be `null`.
 */
export function addNullableRule(target: Function, key: string): void {
  const condition = (_object: object, value: unknown) => value !== null;
  addRawMetadata(target, key, ValidationTypes.CONDITIONAL_VALIDATION, NULLABLE_MARKER, [condition]);
}

// class-validator has no decorator for a named whitelist or conditional entry; its store accepts
// plain metadata objects (NestJS mapped types add theirs the same way).
function addRawMetadata(
  target: Function,
  key: string,
  type: string,
  name: string,
  constraints: unknown[],
): void {
  const storage = getMetadataStorage();
  storage.addValidationMetadata({
    type,
    name,
    target,
    propertyName: key,
    constraints,
    groups: [],
    each: false,
    always: undefined,
    context: undefined,
    message: undefined,
    validateIf: undefined,
    constraintCls: undefined,
    validationTypeOptions: undefined,
  } as unknown as Parameters<typeof storage.addValidationMetadata>[0]);
}
