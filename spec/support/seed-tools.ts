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
