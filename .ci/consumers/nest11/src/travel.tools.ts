import { IsIn, IsString, MinLength } from 'class-validator';
import { Field, Tool } from 'parallel-tools';

/** A DTO the app already had, made a tool by `@Tool()` alone: its class-validator rules are the schema. */
@Tool({ description: 'Current weather for a city' })
export class Weather {
  @IsString()
  @MinLength(1)
  location!: string;

  @IsIn(['imperial', 'metric'])
  units!: 'imperial' | 'metric';
}

@Tool()
export class GoogleSearch {
  @Field({ description: 'What to search for' }) query!: string;
}
