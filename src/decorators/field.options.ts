import type { ClassType } from '../metadata/class-type';

/** An enum given as a list of values or as a TypeScript `enum` object. */
export type EnumLike = readonly (string | number)[] | Record<string, string | number>;

/** Options of {@link Field}. Every one is optional; the property's TypeScript type fills the rest. */
export interface FieldOptions {
  /** What the property means, for the model. */
  description?: string;
  /**
   * The type when TypeScript cannot tell it at run time: a nested class (`() => Address`), an
   * array (`() => [LineItem]`, `() => [String]`), an integer (`() => Int`) or a date (`() => Date`).
   */
  type?: () => ClassType | [ClassType];
  /** The allowed values: `['imperial', 'metric']` or an `enum` object (numeric enums too). */
  enum?: EnumLike;
  /** The model may leave it out. */
  optional?: boolean;
  /** The model may send `null`. */
  nullable?: boolean;
  /** An example value, shown to the model. */
  example?: unknown;
  /** The default value, shown to the model (a property initializer sets it on the instance). */
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** A regular expression the string must match (`RegExp` flags other than `u` are not portable). */
  pattern?: string | RegExp;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** A string format, validated too: `email`, `uuid`, `uri`, `date-time`, `date`. */
  format?: 'email' | 'uuid' | 'uri' | 'date-time' | 'date' | (string & {});
}
