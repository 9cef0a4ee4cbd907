import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { MockOpenAIServer } from 'parallel-tools/testing';
import { AppModule } from './app.module';
import { TravelService } from './travel.service';
import { GoogleSearch, Weather } from './travel.tools';

/** Runs the seed extraction through the Nest app; argv[2] receives the tool schemas that were sent. */
async function main(schemasFile: string): Promise<void> {
  const server = await MockOpenAIServer.start();
  server.enqueueToolCalls([
    { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
    { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
    { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
  ]);
  process.env.OPENAI_BASE_URL = server.baseURL;
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const calls = await app
      .get(TravelService)
      .lookups('What is the weather in toronto and dallas and who won the super bowl?');
    const seen = calls.map((c) => `${c.constructor.name} ${JSON.stringify(c)}`);
    const expected = [
      'Weather {"location":"Toronto","units":"metric"}',
      'Weather {"location":"Dallas","units":"imperial"}',
      'GoogleSearch {"query":"who won the super bowl"}',
    ];
    const classes = [Weather, Weather, GoogleSearch];
    if (JSON.stringify(seen) !== JSON.stringify(expected) || !calls.every((c, i) => c instanceof classes[i]))
      throw new Error(`unexpected calls: ${seen.join(' | ')}`);
    writeFileSync(schemasFile, JSON.stringify(server.requests[0].body.tools, null, 2));
    console.log(`nest11 ok: ${seen.join(' | ')}`);
  } finally {
    await app.close();
    await server.close();
  }
}

main(process.argv[2] ?? 'tools.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
