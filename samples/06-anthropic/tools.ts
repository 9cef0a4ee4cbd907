import { Field, Tool } from 'parallel-tools';

/** The seed example's tools: the same classes serve every provider. */
@Tool({ description: 'Current weather for a city' })
export class Weather {
  @Field({ description: 'City name' }) location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool({ description: 'Search the web' })
export class GoogleSearch {
  @Field({ description: 'The search query' }) query!: string;
}
