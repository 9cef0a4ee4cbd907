import 'reflect-metadata';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Field, Int, Tool, type ClassType } from 'parallel-tools';
import type { OpenAIToolCallSpec } from 'parallel-tools/testing';

/** The README's tools: what the parallel, streaming and overhead benchmarks extract. */
@Tool({ description: 'Current weather for a city' })
export class Weather {
  @Field({ description: 'City name' }) location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool({ description: 'Search the web' })
export class GoogleSearch {
  @Field({ description: 'The search query' }) query!: string;
}

const CITIES = [
  'Toronto',
  'Dallas',
  'Paris',
  'Lisbon',
  'Nairobi',
  'Osaka',
  'Denver',
  'Hanoi',
  'Lima',
  'Oslo',
];

/** `n` distinct calls alternating Weather and GoogleSearch, arguments of similar length. */
export function mixedCalls(n: number): OpenAIToolCallSpec[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { name: 'Weather', arguments: { location: `${CITIES[i % CITIES.length]} ${i}`, units: 'metric' } }
      : { name: 'GoogleSearch', arguments: { query: `who won the super bowl ${2000 + i}` } },
  );
}

/** The class of a call made by {@link mixedCalls}. */
export function toolOf(call: OpenAIToolCallSpec): ClassType {
  return call.name === 'Weather' ? Weather : GoogleSearch;
}

/** A chunk size that splits the longest arguments of these calls into `parts` stream deltas. */
export function chunkSizeFor(calls: OpenAIToolCallSpec[], parts: number): number {
  return Math.ceil(Math.max(...calls.map((c) => JSON.stringify(c.arguments).length)) / parts);
}

/**
 * `count` plain class-validator DTOs made at run time, as an app's other modules would declare
 * them: decorators applied by hand, exactly what `tsc` emits for `@IsString() name!: string`.
 */
export function defineValidatorClasses(count: number, prefix = 'Dto'): ClassType[] {
  return Array.from({ length: count }, (_, i) => {
    const cls = named(`${prefix}${i}`);
    IsString()(cls.prototype, 'name');
    IsInt()(cls.prototype, 'quantity');
    Min(1)(cls.prototype, 'quantity');
    IsOptional()(cls.prototype, 'note');
    IsString()(cls.prototype, 'note');
    return cls;
  });
}

/** `count` `@Tool` classes of five fields each (string, integer with bounds, enum, optional, array). */
export function defineToolClasses(count: number, prefix = 'Tool'): ClassType[] {
  return Array.from({ length: count }, (_, i) => {
    const cls = named(`${prefix}${i}`);
    const prop = (key: string, designType: Function, options: Parameters<typeof Field>[0]) => {
      Reflect.metadata('design:type', designType)(cls.prototype, key);
      Field(options)(cls.prototype, key);
    };
    prop('title', String, { description: `Title of record ${i}`, minLength: 1, maxLength: 200 });
    // `Int` is abstract, which FieldOptions.type does not accept yet (reported): hence the cast.
    prop('count', Number, { type: () => Int as unknown as ClassType, minimum: 0, maximum: 1000 });
    prop('status', String, { enum: ['open', 'closed', 'pending'] });
    prop('note', String, { optional: true, nullable: true });
    prop('tags', Array, { type: () => [String], maxItems: 10 });
    Tool({ description: `Generated tool number ${i}` })(cls);
    return cls;
  });
}

function named(name: string): ClassType {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
