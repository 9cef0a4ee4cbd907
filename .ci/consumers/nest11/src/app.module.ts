import { Module } from '@nestjs/common';
import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import { ParallelToolsModule } from 'parallel-tools/nestjs';
import { TravelService } from './travel.service';

@Module({
  imports: [
    ParallelToolsModule.forRootAsync({
      useFactory: () => ({
        extractor: fromOpenAI(new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, apiKey: 'consumer' })),
      }),
    }),
  ],
  providers: [TravelService],
})
export class AppModule {}
