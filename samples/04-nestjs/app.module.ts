import {
  Module,
  ValidationPipe,
  type DynamicModule,
  type INestApplication,
  type NestApplicationOptions,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE, NestFactory } from '@nestjs/core';
import type { Extractor } from 'parallel-tools';
import { ExtractionErrorFilter, ParallelToolsModule } from 'parallel-tools/nestjs';
import { TripsController } from './trips.controller';
import { TripsService } from './trips.service';

@Module({
  controllers: [TripsController],
  providers: [
    TripsService,
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    },
    // ExtractionError -> 422 with the failures and the valid calls; ToolDefinitionError -> 500.
    { provide: APP_FILTER, useClass: ExtractionErrorFilter },
  ],
})
export class AppModule {
  /** The app with this extractor (OpenAI, Gemini, or one pointed at a local mock server). */
  static forExtractor(extractor: Extractor): DynamicModule {
    return { module: AppModule, imports: [ParallelToolsModule.forRoot({ extractor })] };
  }
}

/** Creates the HTTP app (Express platform), not listening yet. */
export function createApp(extractor: Extractor, options?: NestApplicationOptions): Promise<INestApplication> {
  return NestFactory.create(AppModule.forExtractor(extractor), options);
}
