// The README's seed example as an ESM user writes it, pointed at a local replay server.
import 'reflect-metadata';
import OpenAI from 'openai';
import { Field, Mode, Tool } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer } from 'parallel-tools/testing';

@Tool({ description: 'Current weather for a city' })
class Weather {
  @Field({ description: 'City name' }) location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool()
class GoogleSearch {
  @Field() query!: string;
}

const server = await MockOpenAIServer.start();
server.enqueueToolCalls([
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
]);
try {
  // The line issue 15 is about: openai's ESM types must fit the parameter's declared type.
  const client = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'consumer' }), {
    mode: Mode.PARALLEL_TOOLS,
  });
  const calls: Array<Weather | GoogleSearch> = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You must always use tools' },
      { role: 'user', content: 'What is the weather in toronto and dallas and who won the super bowl?' },
    ],
    responseModel: [Weather, GoogleSearch],
  });
  const [toronto, dallas, search] = calls;
  const ok =
    calls.length === 3 &&
    toronto instanceof Weather &&
    toronto.location === 'Toronto' &&
    toronto.units === 'metric' &&
    dallas instanceof Weather &&
    dallas.location === 'Dallas' &&
    dallas.units === 'imperial' &&
    search instanceof GoogleSearch &&
    search.query === 'who won the super bowl';
  if (!ok) throw new Error(`unexpected calls: ${JSON.stringify(calls)}`);
  console.log('esm ok:', calls);
} finally {
  await server.close();
}
