/** Any class that can be instantiated: a tool class, a nested class, `String`, `Date`, … */
export type ClassType<T = any> = new (...args: any[]) => T;

/**
 * Marker for integer fields: `@Field({ type: () => Int }) count!: number`. TypeScript has no
 * integer type, so `design:type` says `Number`; this tells the schema and the validator `integer`.
 *
 * @example
 * @Field({ type: () => Int, minimum: 1 }) nights!: number;
 */
export class Int {
  /** Never set: the class is only a marker, never instantiated. */
  protected readonly integerMarker?: never;
}
