import { Field, Tool } from 'parallel-tools';

/** The seed example's tools, shared by the specs. */
@Tool({ description: 'Current weather for a city' })
export class Weather {
  @Field({ description: 'City name' }) location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool()
export class GoogleSearch {
  @Field() query!: string;
}

/** The seed example's conversation. */
export const seedMessages = [
  { role: 'system' as const, content: 'You must always use tools' },
  { role: 'user' as const, content: 'What is the weather in toronto and dallas and who won the super bowl?' },
];

/** A Weather instance, as the library returns it. */
export const W = (location: string, units: 'metric' | 'imperial' = 'metric'): Weather =>
  Object.assign(new Weather(), { location, units });

/** A GoogleSearch instance, as the library returns it. */
export const S = (query: string): GoogleSearch => Object.assign(new GoogleSearch(), { query });
