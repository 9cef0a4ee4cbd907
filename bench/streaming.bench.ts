import { toOpenAITool } from 'parallel-tools';
import type { OpenAIToolCallSpec } from 'parallel-tools/testing';
import { atMost, median, ratio, type Figure, type Section } from './harness';
import { ARGUMENT_PARTS, MODEL_LATENCY, simulatedModel, streamScript } from './parallel-vs-sequential.bench';
import { GoogleSearch, mixedCalls, Weather } from './tools';

const N = 5;
const RUNS = 3;
/** Token-sized deltas (about 4 characters, as the API streams arguments) for the long-call case. */
const LONG_CALL_PARTS = 40;

interface StreamTimes {
  firstMs: number;
  wholeMs: number;
  /** The bare SDK's time to its first chunk on the same script: the part no client can shorten. */
  firstByteMs: number;
  /** openai-node's `chat.completions.stream` runner: time to its first `tool_calls.function.arguments.done`. */
  sdkDoneMs: number;
}

/**
 * Benchmark 2: with `stream: true`, how soon the first validated instance arrives compared with
 * the whole result, for N = 5 calls; once with the arguments in a few deltas as in benchmark 1,
 * once with long calls streamed token by token.
 */
export async function streamingBench(): Promise<Section> {
  const short = mixedCalls(N);
  const long = mixedCalls(N).map((c) => ({ ...c, arguments: padArguments(c) }));
  const figures: Figure[] = [
    ...(await measure(`N=${N}, ${ARGUMENT_PARTS} deltas per call`, short, ARGUMENT_PARTS)),
    ...(await measure(`N=${N}, ${LONG_CALL_PARTS} deltas per call`, long, LONG_CALL_PARTS)),
  ];
  return {
    title: '2. Streaming',
    setup:
      `Same simulated model as benchmark 1 (${MODEL_LATENCY.firstByteMs} ms first byte, ${MODEL_LATENCY.betweenChunksMs} ms per chunk), ` +
      `one reply of ${N} calls through our \`create({ stream: true })\`: time from the request to the first validated instance, ` +
      `and to the end of the iteration; ${RUNS} runs each, medians. Done once with each call's arguments in ${ARGUMENT_PARTS} deltas ` +
      `(as in benchmark 1) and once with longer calls (about 160 characters) in ${LONG_CALL_PARTS} deltas, about one per token ` +
      'as the API sends them. "After the first byte": both times minus the bare SDK\'s time to its first chunk on the same ' +
      'script (measured in the same run), i.e. the part of the reply the library can act on. "Delays alone": the ratio ' +
      'of the scripted delays up to the chunk that completes the first call and up to [DONE]; the first-byte wait is in ' +
      'both, which keeps the ratio above 0.3 unless the calls stream for much longer than it (timers run late on a busy ' +
      'machine, so a long stream can measure slightly under it). openai-node: the same script through ' +
      "`openai.chat.completions.stream({ tools })` (the SDK's stream runner, same tools), time to its first " +
      '`tool_calls.function.arguments.done` event, in the same rounds; a negative difference means our first instance came ' +
      "first. Our side is the provider adapter's current assembler, measured as it is.",
    figures,
  };
}

async function measure(label: string, calls: OpenAIToolCallSpec[], parts: number): Promise<Figure[]> {
  const { server, client, openai } = await simulatedModel();
  const runs: StreamTimes[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      server.enqueue({ sse: streamScript(calls, parts) });
      const start = performance.now();
      let firstMs = 0;
      let count = 0;
      const stream = client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'go' }],
        responseModel: [Weather, GoogleSearch],
        stream: true,
      });
      for await (const _ of stream) if (count++ === 0) firstMs = performance.now() - start;
      const wholeMs = performance.now() - start;
      if (count !== calls.length)
        throw new Error(`streaming bench: got ${count} calls, expected ${calls.length}`);

      server.enqueue({ sse: streamScript(calls, parts) });
      const bareStart = performance.now();
      let firstByteMs = 0;
      const chunks = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'go' }],
        stream: true,
      });
      for await (const _ of chunks) if (firstByteMs === 0) firstByteMs = performance.now() - bareStart;

      server.enqueue({ sse: streamScript(calls, parts) });
      const runnerStart = performance.now();
      let sdkDoneMs = 0;
      const runner = openai.chat.completions.stream({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'go' }],
        tools: [toOpenAITool(Weather), toOpenAITool(GoogleSearch)],
      });
      runner.on('tool_calls.function.arguments.done', () => {
        if (sdkDoneMs === 0) sdkDoneMs = performance.now() - runnerStart;
      });
      await runner.done();
      runs.push({ firstMs, wholeMs, firstByteMs, sdkDoneMs });
    }
  } finally {
    await server.close();
  }
  const first = median(runs.map((r) => r.firstMs));
  const whole = median(runs.map((r) => r.wholeMs));
  const firstByte = median(runs.map((r) => r.firstByteMs));
  const sdkDone = median(runs.map((r) => r.sdkDoneMs));
  const script = streamScript(calls, parts);
  // The first call is complete (and can be yielded) at the delta that closes its arguments' JSON:
  // the one before the second call's header delta (counted as the delays up to and including it).
  const firstDone = script.findIndex((c) => c.choices[0]?.delta?.tool_calls?.[0]?.index === 1) - 1;
  const at = (items: number) => MODEL_LATENCY.firstByteMs + items * MODEL_LATENCY.betweenChunksMs;
  const floor = at(firstDone) / at(script.length);
  return [
    {
      name: `${label}: first instance / whole result`,
      value: ratio(first, whole),
      unit: 'x',
      target: atMost(0.3),
      note: `${first.toFixed(0)} ms vs ${whole.toFixed(0)} ms; delays alone ${floor.toFixed(3)}×`,
    },
    {
      name: `${label}: same, after the first byte`,
      value: ratio(first - firstByte, whole - firstByte),
      unit: 'x',
      note: `first byte at ${firstByte.toFixed(0)} ms`,
    },
    {
      name: `${label}: first instance minus openai-node's first arguments.done`,
      value: first - sdkDone,
      unit: 'ms',
      target: atMost(-MODEL_LATENCY.betweenChunksMs, `≤ −1 chunk (−${MODEL_LATENCY.betweenChunksMs} ms)`),
      note: `${first.toFixed(0)} ms vs ${sdkDone.toFixed(0)} ms`,
    },
  ];
}

/** The call with a `note`-like padding so that its arguments are about 160 characters long. */
function padArguments(call: OpenAIToolCallSpec): object {
  const args = call.arguments as Record<string, string>;
  const key = call.name === 'Weather' ? 'location' : 'query';
  const text = `${args[key]}, ${'and the surrounding area with all its districts '.repeat(3)}`.slice(0, 140);
  return { ...args, [key]: text };
}
