import { IsIn, IsString } from 'class-validator';
import { Tool } from 'parallel-tools';

@Tool({ description: 'Current weather for a city' })
export class Weather {
  @IsString() location!: string;
  @IsIn(['imperial', 'metric']) units!: 'imperial' | 'metric';
}

@Tool({ description: 'Search the web' })
export class GoogleSearch {
  @IsString() query!: string;
}
