// A NestJS 12 (ESM-only) app with a named extractor, driven against a local replay server.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import { ParallelToolsModule } from 'parallel-tools/nestjs';
import { MockOpenAIServer } from 'parallel-tools/testing';
import { ForecastService } from './forecast.service.js';
import { GoogleSearch, Weather } from './forecast.tools.js';

const server = await MockOpenAIServer.start();
server.enqueueToolCalls([
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
]);

@Module({
  imports: [
    ParallelToolsModule.forRoot({
      name: 'forecast',
      extractor: fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'consumer' })),
    }),
  ],
  providers: [ForecastService],
})
class AppModule {}

const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
try {
  const calls = await app
    .get(ForecastService)
    .plan('What is the weather in toronto and dallas and who won the super bowl?');
  const expected: Array<[Function, object]> = [
    [Weather, { location: 'Toronto', units: 'metric' }],
    [Weather, { location: 'Dallas', units: 'imperial' }],
    [GoogleSearch, { query: 'who won the super bowl' }],
  ];
  const ok =
    calls.length === expected.length &&
    calls.every(
      (c, i) => c instanceof expected[i][0] && JSON.stringify(c) === JSON.stringify(expected[i][1]),
    );
  if (!ok) throw new Error(`unexpected calls: ${JSON.stringify(calls)}`);
  console.log('nest12 ok:', calls);
} finally {
  await app.close();
  await server.close();
}
