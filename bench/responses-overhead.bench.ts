import OpenAI from 'openai';
import { zodResponsesFunction } from 'openai/helpers/zod';
import { toOpenAITool } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, responsesFunctionCallsResponse } from 'parallel-tools/testing';
import { z } from 'zod';
import { atMost, interleavedMedians, ratio, type Section } from './harness';
import { GoogleSearch, Weather } from './tools';

const WARMUP = 300;
const ROUNDS = 2000;

const REPLY_CALLS = [
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
];
const INSTRUCTIONS = 'You must always use tools';
const INPUT = 'What is the weather in toronto and dallas and who won the super bowl?';

/**
 * The Responses API overhead: one whole extraction on a zero-latency local server, three ways,
 * interleaved request by request: our `responses.create`, the bare SDK `responses.create` (same
 * flat tools, same reply) with a `JSON.parse` of each call's arguments, and the SDK's own
 * `responses.parse` with `zodResponsesFunction` tools.
 */
export async function responsesOverheadBench(): Promise<Section> {
  const server = await MockOpenAIServer.start({
    fallback: { json: responsesFunctionCallsResponse(REPLY_CALLS) },
  });
  try {
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
    const client = fromOpenAI(openai);
    const model = 'gpt-4.1-mini';
    const flatTools = [Weather, GoogleSearch].map((c) => {
      const { name, description, parameters } = toOpenAITool(c).function;
      return { type: 'function' as const, name, description, parameters, strict: false };
    });
    const zodTools = [
      zodResponsesFunction({
        name: 'Weather',
        description: 'Current weather for a city',
        parameters: z.object({
          location: z.string().describe('City name'),
          units: z.enum(['imperial', 'metric']),
        }),
      }),
      zodResponsesFunction({
        name: 'GoogleSearch',
        description: 'Search the web',
        parameters: z.object({ query: z.string().describe('The search query') }),
      }),
    ];
    const common = {
      model,
      instructions: INSTRUCTIONS,
      input: INPUT,
      tool_choice: 'required',
      parallel_tool_calls: true,
    } as const;

    const variants: Record<'ours' | 'sdk' | 'zod', () => Promise<number>> = {
      ours: async () =>
        (
          await client.responses.create({
            model,
            instructions: INSTRUCTIONS,
            input: INPUT,
            responseModel: [Weather, GoogleSearch],
          })
        ).length,
      sdk: async () => {
        const response = await openai.responses.create({ ...common, tools: flatTools });
        return response.output.filter((i) => i.type === 'function_call' && JSON.parse(i.arguments)).length;
      },
      zod: async () => {
        const response = await openai.responses.parse({ ...common, tools: zodTools });
        return response.output.filter((i) => i.type === 'function_call' && i.parsed_arguments).length;
      },
    };
    const names = Object.keys(variants) as Array<keyof typeof variants>;
    for (const name of names) {
      const got = await variants[name]();
      if (got !== REPLY_CALLS.length)
        throw new Error(
          `responses overhead bench: ${name} read ${got} calls, expected ${REPLY_CALLS.length}`,
        );
    }

    const ms = await interleavedMedians(variants, {
      warmup: WARMUP,
      rounds: ROUNDS,
      afterRound: () => (server.requests.length = 0), // the server records every request; keep its memory flat
    });
    return {
      title: 'Responses API overhead per extraction',
      setup:
        `Local OpenAI server answering POST /v1/responses, zero latency, the same reply (3 function_call items: Weather ×2, ` +
        `GoogleSearch) every time; ${ROUNDS} rounds after ${WARMUP} warm-up rounds, each round one request per variant in ` +
        'rotating order; median request time. "SDK create + JSON.parse": `openai.responses.create` with the same flat tools, ' +
        'each call\'s arguments JSON-parsed. "SDK parse + zod": `responses.parse` with `zodResponsesFunction` tools (zod 4), ' +
        'which JSON-parses and zod-validates every call. The async-hooks tax of section 3 applies here the same way.',
      figures: [
        { name: 'SDK responses.create + JSON.parse', value: ms.sdk, unit: 'ms' },
        { name: 'SDK responses.parse + zod', value: ms.zod, unit: 'ms' },
        { name: 'parallel-tools responses.create', value: ms.ours, unit: 'ms' },
        { name: 'parallel-tools overhead per extraction', value: (ms.ours - ms.sdk) * 1000, unit: 'µs' },
        {
          name: 'parallel-tools / SDK create',
          value: ratio(ms.ours, ms.sdk),
          unit: 'x',
          target: atMost(1.03),
        },
        {
          name: 'parallel-tools / SDK parse + zod',
          value: ratio(ms.ours, ms.zod),
          unit: 'x',
          target: atMost(1.0),
        },
      ],
    };
  } finally {
    await server.close();
  }
}
