import { ToolDefinitionError } from '../errors/tool-definition.error';
import { toolMetadataStorage } from '../metadata/tool-metadata.storage';
import { scheduleValidationRules } from '../metadata/class-model.resolver';
import { Int } from '../metadata/class-type';
import { enumValues } from '../metadata/enum-values';
import { addFieldMarker } from '../metadata/validation-markers';
import type { FieldOptions } from './field.options';
import { rejectStandardDecorators } from './decorator-environment';

/**
 * Describes a property of a tool class, for the schema and for validation: `@Field` installs the
 * matching class-validator and class-transformer metadata, so a class decorated only with
 * `@Tool`/`@Field` is validated completely.
 *
 * @example
 * @Field({ description: 'City name', minLength: 1 }) location!: string;
 * @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
 * @Field({ type: () => [Stop], minItems: 1 }) stops!: Stop[];
 * @Field({ optional: true, nullable: true }) note?: string | null;
 */
export function Field(options: FieldOptions = {}): PropertyDecorator {
  return (prototype, key) => {
    rejectStandardDecorators('@Field', key);
    const target = prototype.constructor;
    if (typeof key !== 'string') {
      throw new ToolDefinitionError(
        'invalid_field_options',
        `@Field on ${target.name}: symbol keys cannot be tool properties.`,
        {
          target,
        },
      );
    }
    checkOptions(target, key, options);
    toolMetadataStorage.addField(target, key, options);
    addFieldMarker(target, key, options);
    // The type rules need the class's nested types, which may be declared further down the module.
    scheduleValidationRules(target);
  };
}

function checkOptions(target: Function, key: string, o: FieldOptions): void {
  const where = `@Field on ${target.name}.${key}`;
  const fail = (message: string) => {
    throw new ToolDefinitionError('invalid_field_options', `${where}: ${message}`, { target, property: key });
  };
  if (o.type !== undefined && (typeof o.type !== 'function' || isConstructor(o.type))) {
    fail(
      '`type` must be a function returning the type, e.g. `type: () => Address` or `type: () => [String]`.',
    );
  }
  const pairs: Array<[keyof FieldOptions, keyof FieldOptions]> = [
    ['minimum', 'maximum'],
    ['minLength', 'maxLength'],
    ['minItems', 'maxItems'],
  ];
  for (const [low, high] of pairs) {
    const a = o[low] as number | undefined;
    const b = o[high] as number | undefined;
    if (a !== undefined && b !== undefined && a > b)
      fail(`\`${low}\` (${a}) is greater than \`${high}\` (${b}).`);
  }
  if (o.enum !== undefined && enumValues(o.enum).length === 0) fail('`enum` has no values.');
  if (typeof o.pattern === 'string') {
    try {
      new RegExp(o.pattern, 'u');
    } catch {
      fail(`\`pattern\` ${JSON.stringify(o.pattern)} is not a valid regular expression.`);
    }
  }
}

/** `type: String` or `type: Address` instead of `type: () => Address`: a common slip. */
function isConstructor(fn: Function): boolean {
  return (
    [String, Number, Boolean, Date, Int, Array, Object].includes(fn as any) ||
    /^class\b/.test(Function.prototype.toString.call(fn))
  );
}
