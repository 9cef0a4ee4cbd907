import Anthropic from '@anthropic-ai/sdk';
import { fromAnthropic, toAnthropicTool } from 'parallel-tools/anthropic';
import { anthropicToolUseMessage, MockAnthropicServer } from 'parallel-tools/testing';
import { atMost, interleavedMedians, ratio, type Section } from './harness';
import { GoogleSearch, Weather } from './tools';

const WARMUP = 300;
const ROUNDS = 2000;

const REPLY_CALLS = [
  { name: 'Weather', input: { location: 'Toronto', units: 'metric' } },
  { name: 'Weather', input: { location: 'Dallas', units: 'imperial' } },
  { name: 'GoogleSearch', input: { query: 'who won the super bowl' } },
];
const SYSTEM = 'You must always use tools';
const QUESTION = 'What is the weather in toronto and dallas and who won the super bowl?';

/**
 * The Anthropic Messages overhead: one whole extraction on a zero-latency local server, two ways,
 * interleaved request by request: our `messages.create` and the bare SDK `messages.create` with
 * the same tools and reply, reading its `tool_use` blocks (their `input` is already an object, so
 * the bare side parses nothing beyond the SDK's own JSON body).
 */
export async function anthropicOverheadBench(): Promise<Section> {
  const server = await MockAnthropicServer.start({
    fallback: { json: anthropicToolUseMessage(REPLY_CALLS) },
  });
  try {
    const anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'bench', maxRetries: 0 });
    const client = fromAnthropic(anthropic);
    const common = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: SYSTEM,
      messages: [{ role: 'user' as const, content: QUESTION }],
    };
    const tools = [toAnthropicTool(Weather), toAnthropicTool(GoogleSearch)];
    const variants: Record<'ours' | 'sdk', () => Promise<number>> = {
      ours: async () =>
        (await client.messages.create({ ...common, responseModel: [Weather, GoogleSearch] })).length,
      sdk: async () => {
        const message = await anthropic.messages.create({ ...common, tools, tool_choice: { type: 'any' } });
        return message.content.filter((b) => b.type === 'tool_use' && typeof b.input === 'object').length;
      },
    };
    for (const name of Object.keys(variants) as Array<keyof typeof variants>) {
      const got = await variants[name]();
      if (got !== REPLY_CALLS.length)
        throw new Error(
          `anthropic overhead bench: ${name} read ${got} calls, expected ${REPLY_CALLS.length}`,
        );
    }
    const ms = await interleavedMedians(variants, {
      warmup: WARMUP,
      rounds: ROUNDS,
      afterRound: () => (server.requests.length = 0),
    });
    return {
      title: 'Anthropic Messages overhead per extraction',
      setup:
        `Local Anthropic server answering POST /v1/messages, zero latency, the same reply (3 tool_use blocks: Weather ×2, ` +
        `GoogleSearch) every time; ${ROUNDS} rounds after ${WARMUP} warm-up rounds, each round one request per variant in ` +
        'rotating order; median request time. "SDK create": `anthropic.messages.create` (@anthropic-ai/sdk 1.17) with the ' +
        "same tools and `tool_choice: { type: 'any' }`, reading the tool_use blocks. The async-hooks tax of section 3 " +
        'applies here the same way.',
      figures: [
        { name: 'SDK messages.create', value: ms.sdk, unit: 'ms' },
        { name: 'parallel-tools messages.create', value: ms.ours, unit: 'ms' },
        { name: 'parallel-tools overhead per extraction', value: (ms.ours - ms.sdk) * 1000, unit: 'µs' },
        {
          name: 'parallel-tools / SDK create',
          value: ratio(ms.ours, ms.sdk),
          unit: 'x',
          target: atMost(1.03),
        },
      ],
    };
  } finally {
    await server.close();
  }
}
