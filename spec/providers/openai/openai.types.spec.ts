/* eslint-disable @typescript-eslint/no-unused-vars -- a type-level spec: its values exist for `typeof` only */
import OpenAI from 'openai';
import type { ExtractionResult } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { GoogleSearch, Weather } from '../../support/seed-tools';

/** Compile-time equality: `true` only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_proof?: T) => undefined;

// These checks run in the type checker (ts-jest and `npm run typecheck`); the test only keeps Jest happy.
function typeChecks(client: ReturnType<typeof fromOpenAI>) {
  const params = { model: 'm', messages: [], responseModel: [Weather, GoogleSearch] } as const;
  const calls = client.chat.completions.create({ ...params, messages: [] });
  assertType<Equals<typeof calls, Promise<Array<Weather | GoogleSearch>>>>();

  const streamed = client.chat.completions.create({ ...params, messages: [], stream: true });
  assertType<Equals<typeof streamed, AsyncIterable<Weather | GoogleSearch>>>();

  const withCompletion = client.chat.completions.createWithCompletion({ ...params, messages: [] });
  assertType<Equals<Awaited<typeof withCompletion>['data'], Array<Weather | GoogleSearch>>>();
  assertType<
    Equals<
      Awaited<typeof withCompletion>,
      ExtractionResult<Weather | GoogleSearch, OpenAI.Chat.ChatCompletion>
    >
  >();

  const withResponse = client.chat.completions.createWithResponse({ ...params, messages: [] });
  assertType<Equals<Awaited<typeof withResponse>, Awaited<typeof withCompletion>>>();

  const responsesParams = { model: 'm', input: 'hi', responseModel: [Weather, GoogleSearch] } as const;
  const viaResponses = client.responses.create(responsesParams);
  assertType<Equals<typeof viaResponses, Promise<Array<Weather | GoogleSearch>>>>();
  const responsesStream = client.responses.create({ ...responsesParams, stream: true });
  assertType<Equals<typeof responsesStream, AsyncIterable<Weather | GoogleSearch>>>();
  const rawResponse = client.responses.createWithResponse({ ...responsesParams, store: false });
  assertType<
    Equals<Awaited<typeof rawResponse>, ExtractionResult<Weather | GoogleSearch, OpenAI.Responses.Response>>
  >();
  void client.responses.create({
    ...responsesParams,
    // @ts-expect-error Responses params keep their SDK types
    max_output_tokens: 'many',
  });

  const one = client.extract({ messages: [], responseModel: [Weather] });
  assertType<Equals<typeof one, Promise<Weather[]>>>();

  // @ts-expect-error a single class is not a parallel responseModel
  void client.chat.completions.create({ model: 'm', messages: [], responseModel: Weather });
  // @ts-expect-error an empty responseModel is refused
  void client.extract({ messages: [], responseModel: [] });
  void client.chat.completions.create({
    model: 'm',
    messages: [],
    responseModel: [Weather],
    // @ts-expect-error other SDK params keep their types
    temperature: 'hot',
  });
}

it('types create() results as the union of the tool instances', () => {
  expect(typeof typeChecks).toBe('function');
});
