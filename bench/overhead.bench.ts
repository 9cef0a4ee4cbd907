import { createOpenAI } from '@ai-sdk/openai';
import { generateText, tool } from 'ai';
import OpenAI from 'openai';
import { zodFunction } from 'openai/helpers/zod';
import { toOpenAITool } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsCompletion } from 'parallel-tools/testing';
import { z } from 'zod';
import type { HooksTax } from './async-hooks-tax.bench';
import { atMost, inChild, median, ratio, type Section } from './harness';
import { loadCallsLayer } from './library-internals';
import { GoogleSearch, Weather } from './tools';

const WARMUP = 300;
const ROUNDS = 2000;

const REPLY_CALLS = [
  { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
];

const MESSAGES: OpenAI.Chat.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You must always use tools' },
  { role: 'user', content: 'What is the weather in toronto and dallas and who won the super bowl?' },
];

/** Median request times of our `create` and the bare SDK's, measured with nothing else in the process. */
export interface PairTimes {
  ours: number;
  sdk: number;
}

/**
 * Child scenario: our `create` against the bare SDK `create` alone, in a fresh process, with the
 * same rounds as benchmark 3. The four-way rotation runs the Vercel AI SDK between our requests;
 * this row shows what the comparison is without it.
 */
export async function measurePairOverhead(): Promise<PairTimes> {
  const server = await MockOpenAIServer.start({ fallback: { json: openAIToolCallsCompletion(REPLY_CALLS) } });
  try {
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
    const client = fromOpenAI(openai);
    const tools = [toOpenAITool(Weather), toOpenAITool(GoogleSearch)];
    const model = 'gpt-4o-mini';
    const variants = [
      async () =>
        (
          await client.chat.completions.create({
            model,
            messages: MESSAGES,
            responseModel: [Weather, GoogleSearch],
          })
        ).length,
      async () =>
        (
          await openai.chat.completions.create({
            model,
            messages: MESSAGES,
            tool_choice: 'required',
            parallel_tool_calls: true,
            tools,
          })
        ).choices[0].message.tool_calls!.length,
    ];
    const samples: number[][] = [[], []];
    for (let round = -WARMUP; round < ROUNDS; round++) {
      for (let k = 0; k < 2; k++) {
        const v = (round + WARMUP + k) % 2;
        const start = performance.now();
        if ((await variants[v]()) !== REPLY_CALLS.length)
          throw new Error('overhead bench: a call went missing');
        if (round >= 0) samples[v].push(performance.now() - start);
      }
      server.requests.length = 0;
    }
    return { ours: median(samples[0]), sdk: median(samples[1]) };
  } finally {
    await server.close();
  }
}

/**
 * Benchmark 3: one whole extraction on a zero-latency local server, three ways, interleaved
 * request by request: our `create`, the bare SDK `create` (same tools, same reply, no parsing),
 * and the SDK's own `chat.completions.parse` with `zodFunction` tools (what a TypeScript user
 * would pick instead).
 */
export async function overheadBench(): Promise<Section> {
  const server = await MockOpenAIServer.start({ fallback: { json: openAIToolCallsCompletion(REPLY_CALLS) } });
  try {
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
    const client = fromOpenAI(openai);
    const model = 'gpt-4o-mini';
    const sdkTools = [toOpenAITool(Weather), toOpenAITool(GoogleSearch)];
    const zodTools = [
      zodFunction({
        name: 'Weather',
        description: 'Current weather for a city',
        parameters: z.object({
          location: z.string().describe('City name'),
          units: z.enum(['imperial', 'metric']),
        }),
      }),
      zodFunction({
        name: 'GoogleSearch',
        description: 'Search the web',
        parameters: z.object({ query: z.string().describe('The search query') }),
      }),
    ];
    const common = { model, messages: MESSAGES, tool_choice: 'required', parallel_tool_calls: true } as const;
    // The Vercel AI SDK over the same chat-completions endpoint, with the same two tools as zod schemas.
    const vercel = createOpenAI({ baseURL: server.baseURL, apiKey: 'bench' }).chat(model);
    const vercelTools = {
      Weather: tool({
        description: 'Current weather for a city',
        inputSchema: z.object({
          location: z.string().describe('City name'),
          units: z.enum(['imperial', 'metric']),
        }),
      }),
      GoogleSearch: tool({
        description: 'Search the web',
        inputSchema: z.object({ query: z.string().describe('The search query') }),
      }),
    };
    // ai 7 takes the system text as `instructions`, not as a message.
    const vercelInstructions = 'You must always use tools';
    const vercelMessages = [{ role: 'user' as const, content: MESSAGES[1].content as string }];

    const variants: Record<'ours' | 'sdk' | 'zod' | 'ai', () => Promise<number>> = {
      ours: async () =>
        (
          await client.chat.completions.create({
            model,
            messages: MESSAGES,
            responseModel: [Weather, GoogleSearch],
          })
        ).length,
      sdk: async () =>
        (await openai.chat.completions.create({ ...common, tools: sdkTools })).choices[0].message.tool_calls!
          .length,
      zod: async () => {
        const completion = await openai.chat.completions.parse({ ...common, tools: zodTools });
        return (completion.choices[0].message.tool_calls ?? []).filter(
          (c) => c.type === 'function' && c.function.parsed_arguments,
        ).length;
      },
      ai: async () => {
        const result = await generateText({
          model: vercel,
          instructions: vercelInstructions,
          messages: vercelMessages,
          tools: vercelTools,
          toolChoice: 'required',
          maxRetries: 0,
        });
        return result.toolCalls.filter((c) => !c.invalid).length;
      },
    };
    const names = Object.keys(variants) as Array<keyof typeof variants>;
    for (const name of names) {
      const got = await variants[name]();
      if (got !== REPLY_CALLS.length)
        throw new Error(`overhead bench: ${name} read ${got} calls, expected ${REPLY_CALLS.length}`);
    }

    const samples: Record<string, number[]> = { ours: [], sdk: [], zod: [], ai: [] };
    for (let round = -WARMUP; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + WARMUP + k) % names.length];
        const start = performance.now();
        await variants[name]();
        if (round >= 0) samples[name].push(performance.now() - start);
      }
      server.requests.length = 0; // the server records every request; keep its memory flat
    }
    const ms = Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<
      keyof typeof variants,
      number
    >;
    const tax = await inChild<HooksTax>('async-hooks-tax', null);
    const pair = await inChild<PairTimes>('overhead-pair', null);
    const entered = loadCallsLayer().contextStorageEntered();
    return {
      title: '3. Overhead per extraction',
      setup:
        `Local OpenAI server, zero latency, the same reply (3 calls: Weather ×2, GoogleSearch) every time; ${ROUNDS} rounds ` +
        `after ${WARMUP} warm-up rounds, each round one request per variant in rotating order; median request time. "SDK create": ` +
        '`openai.chat.completions.create` with the same tools and no parsing. "SDK parse + zod": `chat.completions.parse` with ' +
        '`zodFunction` tools (zod 4), which JSON-parses and zod-validates every call. "Vercel AI SDK": `generateText` (ai 7 with ' +
        '`@ai-sdk/openai`, its `.chat()` model on the same server) with the same two tools as zod schemas, `toolChoice: ' +
        "'required'`, reading `toolCalls`. AsyncLocalStorage: on Node 20 its first `run` turns on process-wide promise hooks " +
        'for good, a tax on every request of the app; the library used to enter it for every call, and now only for a call ' +
        'with a validationContext (or `@ValidatePromise` rules). The "hooks on / off" row measures that tax apart, in a ' +
        'fresh process (bench/async-hooks-tax.bench.ts); the row after it says whether the library entered it in this run. ' +
        '"The two alone": our create and the bare SDK create in a fresh child with the same rounds and nothing else in the ' +
        'rotation; with the Vercel AI SDK between requests our overhead roughly doubles while the bare SDK barely moves ' +
        '(seen in scratch runs; the target row keeps the four-way rotation).',
      figures: [
        { name: 'SDK create (bare)', value: ms.sdk, unit: 'ms' },
        { name: 'SDK parse + zod', value: ms.zod, unit: 'ms' },
        { name: 'parallel-tools create', value: ms.ours, unit: 'ms' },
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
        {
          name: 'parallel-tools / SDK create, the two alone in a fresh process',
          value: ratio(pair.ours, pair.sdk),
          unit: 'x',
          note: `${pair.ours.toFixed(2)} ms vs ${pair.sdk.toFixed(2)} ms; overhead ${((pair.ours - pair.sdk) * 1000).toFixed(1)} µs`,
        },
        { name: 'Vercel AI SDK generateText', value: ms.ai, unit: 'ms' },
        {
          name: 'parallel-tools / Vercel AI SDK generateText',
          value: ratio(ms.ours, ms.ai),
          unit: 'x',
          target: atMost(1.0),
        },
        {
          name: 'bare SDK request, async hooks on / off',
          value: ratio(tax.onMs, tax.offMs),
          unit: 'x',
          note: `${tax.onMs.toFixed(2)} ms vs ${tax.offMs.toFixed(2)} ms`,
        },
        {
          name: 'AsyncLocalStorage entered by the library in this run (0 = no)',
          value: entered ? 1 : 0,
          unit: 'count',
        },
      ],
    };
  } finally {
    await server.close();
  }
}
