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
        'fresh process (bench/async-hooks-tax.bench.ts); the row after it says whether the library entered it in this run.',
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
