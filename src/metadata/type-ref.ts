import type { ClassType } from './class-type';

/** JSON Schema keywords that a type carries as is (enum, format, bounds, …). */
export type Keywords = Record<string, unknown>;

/** A resolved property type: what the schema builders and the wire normalizer walk. */
export type TypeRef =
  | { kind: 'string' | 'number' | 'integer' | 'boolean'; keywords: Keywords }
  | { kind: 'enum'; values: Array<string | number>; keywords: Keywords }
  | { kind: 'date'; keywords: Keywords }
  | { kind: 'class'; target: ClassType; keywords: Keywords }
  | {
      kind: 'union';
      /** class-transformer's discriminator property, written onto every member's schema. */
      discriminator: string;
      members: Array<{ value: string; target: ClassType }>;
      keywords: Keywords;
    }
  | { kind: 'object'; keywords: Keywords }
  | { kind: 'array'; items: TypeRef; keywords: Keywords };

/** One property of a tool class as the model sees it. */
export interface PropertyModel {
  /** The property on the class. */
  key: string;
  /** The name on the wire (class-transformer `@Expose({ name })`), usually `key`. */
  name: string;
  type: TypeRef;
  /** May be absent from the arguments. */
  optional: boolean;
  /** May be `null`. */
  nullable: boolean;
  description?: string;
  example?: unknown;
  default?: unknown;
}

/** A class read into what the schema needs: the result of the metadata layer. */
export interface ClassModel {
  target: ClassType;
  /** The tool name (for `@Tool` classes) or the class name (nested classes). */
  name: string;
  description?: string;
  properties: PropertyModel[];
}
