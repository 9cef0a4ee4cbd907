import {
  ExtractionError,
  Field,
  ParallelToolsError,
  Tool,
  type CallFailure,
  type ExtractionErrorCode,
  type ExtractorOptions,
  type ToolClass,
} from 'parallel-tools';
import {
  openAIToolCallsCompletion,
  openAIToolCallsStream,
  type ScriptedReply,
  type SseItem,
} from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../support/seed-tools';
import {
  DRIVERS,
  type Driver,
  type DriverTraits,
  type SdkErrorShape,
  type ReplyShape,
  type SdkKnobs,
  type Transport,
  type WireCall,
} from './support/drivers/index';

/**
 * Model output is untrusted input. Every row scripts one bad (or hostile) reply on the local
 * server, sends it through the REAL SDK of each provider adapter, both as a whole reply and as a
 * stream, and asserts the exact outcome: the instances, or the ExtractionError code with the valid
 * calls kept in `results` and the bad ones in `failures`, or the SDK's own error passing through.
 */

@Tool()
class Ping {
  @Field({ optional: true }) note?: string;
}

@Tool()
class Stop {
  @Field() city!: string;
}

@Tool()
class Itinerary {
  @Field({ type: () => [Stop] }) stops!: Stop[];
}

const weather = (location: unknown, units: unknown = 'metric', id?: string | null): WireCall => ({
  name: 'Weather',
  args: { location, units },
  id,
});
const search = (query: string, id?: string | null): WireCall => ({
  name: 'GoogleSearch',
  args: { query },
  id,
});
/** A call whose arguments are JSON text: verbatim on OpenAI, parsed (own `__proto__` keys and all) on Gemini. */
const fromText = (d: Driver, t: Transport, name: string, text: string): WireCall =>
  textArguments(d, t) ? { name, raw: text } : { name, args: JSON.parse(text) };
const textArguments = (d: Driver | DriverTraits, t: Transport) =>
  ('traits' in d ? d.traits : d).textArguments.includes(t);

const DEEP = '['.repeat(100_000) + ']'.repeat(100_000);
const TWENTY_MB = 'x'.repeat(20 * 1024 * 1024);
const TWO_MB = TWENTY_MB.slice(0, 2 * 1024 * 1024);
const MIB = 1024 * 1024;

type Expected =
  | { data: object[]; attempts?: number }
  | {
      code: ExtractionErrorCode;
      results: object[];
      failures: Array<Partial<Record<keyof CallFailure, unknown>>>;
      message?: RegExp;
      attempts?: number;
    }
  | { sdkError: { class?: Function; name?: string; message?: RegExp; status?: number } };

interface Row {
  name: string;
  /** Rows of one protocol only (say why in the row); rows about a capability use `when`. */
  only?: string[];
  /** Runs the row only where the driver can express it. */
  when?: (traits: DriverTraits, t: Transport) => boolean;
  transports?: Transport[];
  replies: (d: Driver, t: Transport) => ScriptedReply[];
  expect: Expected | ((d: Driver, t: Transport) => Expected);
  /**
   * HTTP requests the server must have received (default 1): SDK retries are counted, never
   * doubled. A range where an SDK timeout or abort may fire before a loaded machine delivers it.
   */
  requests?: number | readonly [number, number];
  responseModel?: readonly [ToolClass, ...ToolClass[]];
  maxRetries?: number;
  options?: ExtractorOptions;
  sdk?: SdkKnobs;
  abortAfterMs?: number;
  /** Wall time the row must stay under, in ms (the SDK timeout and abort rows). */
  within?: number;
  check?: (ran: Ran, d: Driver, t: Transport) => void;
}

interface Ran {
  data?: object[];
  /** Requests this library made (whole replies only: a stream does not report it). */
  attempts?: number;
  error?: unknown;
  yielded: object[];
  ms: number;
}

const reply = (shape: ReplyShape) => (d: Driver, t: Transport) => [d.reply(shape, t)];
const fail = (
  code: ExtractionErrorCode,
  results: object[],
  failures: Array<Partial<Record<keyof CallFailure, unknown>>>,
  extra: { message?: RegExp; attempts?: number } = {},
): Expected => ({ code, results, failures, ...extra });
const sdkError =
  (pick: (e: Driver['sdkErrors']) => SdkErrorShape) =>
  (d: Driver): Expected => ({
    sdkError: pick(d.sdkErrors),
  });
const notJson = expect.stringMatching(/^arguments are not valid JSON: /);
const TOO_DEEP = 'arguments nest deeper than 64 levels (raise limits.maxDepth to accept more)';
const TOO_LARGE = `arguments are larger than ${MIB} bytes (raise limits.maxArgumentsBytes to accept more)`;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/**
 * A 50 ms pause in a stream. The Vertex AI SDK drops the chunks it already received when a later
 * one fails, so a row that breaks a stream after its first call lets that call be read first.
 */
const settle = (): SseItem => ({ gate: () => delay(50) });

/** After one re-ask: the replacement takes its place in a whole reply, and comes last in a stream. */
const reaskedInOrder = (_: Driver, t: Transport): Expected => ({
  data:
    t === 'stream'
      ? [W('Toronto'), S('q'), W('Dallas', 'imperial')]
      : [W('Toronto'), W('Dallas', 'imperial'), S('q')],
  attempts: 2,
});

/** One chat-completion chunk with these tool-call deltas (OpenAI-compatible quirk rows write them by hand). */
const chatChunk = (toolCalls: object[] | undefined, finish: string | null = null): object => ({
  id: 'chatcmpl-quirk',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'test-model',
  choices: [
    { index: 0, delta: toolCalls ? { tool_calls: toolCalls } : {}, logprobs: null, finish_reason: finish },
  ],
});
const delta = (index: number, fn: { name?: string; arguments?: unknown }, id?: string) => ({
  index,
  ...(id ? { id, type: 'function' } : {}),
  function: fn,
});
const QUIRK_TORONTO = '{"location":"Toronto","units":"metric"}';
const QUIRK_DALLAS = '{"location":"Dallas","units":"imperial"}';

/**
 * What OpenAI-compatible servers (vLLM, Ollama, Groq, LiteLLM, ...) really send beside what OpenAI
 * sends (DESIGN.md section 5): each is read correctly; none loses a call or invents one.
 */
const OPENAI_COMPATIBLE_ROWS: Row[] = [
  {
    name: 'OpenAI-compatible: several streamed calls all on index 0, told apart by their ids',
    only: ['openai'],
    transports: ['stream'],
    replies: () => [
      {
        sse: [
          chatChunk([delta(0, { name: 'Weather', arguments: '' }, 'call_a')]),
          chatChunk([delta(0, { arguments: QUIRK_TORONTO.slice(0, 9) })]),
          chatChunk([delta(0, { arguments: QUIRK_TORONTO.slice(9) })]),
          chatChunk([delta(0, { name: 'Weather', arguments: QUIRK_DALLAS }, 'call_b')]),
          chatChunk([delta(0, { name: 'GoogleSearch', arguments: '{"query":"q"}' }, 'call_c')]),
          chatChunk(undefined, 'tool_calls'),
        ],
      },
    ],
    expect: { data: [W('Toronto'), W('Dallas', 'imperial'), S('q')] },
  },
  {
    name: 'OpenAI-compatible: deltas of two calls interleaved (0, 1, 0, 1)',
    only: ['openai'],
    transports: ['stream'],
    replies: () => [
      {
        sse: [
          chatChunk([delta(0, { name: 'Weather', arguments: '{"location":' }, 'call_a')]),
          chatChunk([delta(1, { name: 'GoogleSearch', arguments: '{"query":' }, 'call_b')]),
          chatChunk([delta(0, { arguments: '"Toronto","units":"metric"}' })]),
          chatChunk([delta(1, { arguments: '"q"}' })]),
          chatChunk(undefined, 'tool_calls'),
        ],
      },
    ],
    expect: { data: [W('Toronto'), S('q')] },
    check: ({ yielded }) => expect(yielded).toEqual([W('Toronto'), S('q')]),
  },
  {
    name: 'OpenAI-compatible: index gaps (0, 2, 5) and a whole call in one delta',
    only: ['openai'],
    transports: ['stream'],
    replies: () => [
      {
        sse: [
          chatChunk([delta(0, { name: 'Weather', arguments: QUIRK_TORONTO }, 'call_a')]),
          chatChunk([delta(2, { name: 'Weather' }, 'call_b')]),
          chatChunk([delta(2, { arguments: QUIRK_DALLAS })]),
          chatChunk([delta(5, { name: 'GoogleSearch', arguments: '{"query":"q"}' }, 'call_c')]),
          chatChunk(undefined, 'tool_calls'),
        ],
      },
    ],
    expect: { data: [W('Toronto'), W('Dallas', 'imperial'), S('q')] },
  },
  {
    name: 'OpenAI-compatible: arguments sent as a JSON object instead of a string',
    only: ['openai'],
    replies: (_, t) => {
      const args = { location: 'Toronto', units: 'metric' };
      if (t === 'stream')
        return [
          {
            sse: [
              chatChunk([delta(0, { name: 'Weather', arguments: args }, 'call_a')]),
              chatChunk([delta(1, { name: 'GoogleSearch', arguments: { query: 'q' } }, 'call_b')]),
              chatChunk(undefined, 'tool_calls'),
            ],
          },
        ];
      const json: any = openAIToolCallsCompletion([
        { name: 'Weather', arguments: '' },
        { name: 'GoogleSearch', arguments: '' },
      ]);
      json.choices[0].message.tool_calls[0].function.arguments = args;
      json.choices[0].message.tool_calls[1].function.arguments = { query: 'q' };
      return [{ json }];
    },
    expect: { data: [W('Toronto'), S('q')] },
  },
  {
    name: "OpenAI-compatible: calls with finish_reason 'stop'",
    only: ['openai'],
    replies: (_, t) => {
      const calls = [
        { name: 'Weather', arguments: QUIRK_TORONTO },
        { name: 'GoogleSearch', arguments: '{"query":"q"}' },
      ];
      if (t === 'stream') return [{ sse: openAIToolCallsStream(calls, { finish_reason: 'stop' }) }];
      return [{ json: openAIToolCallsCompletion(calls, { finish_reason: 'stop' }) }];
    },
    expect: { data: [W('Toronto'), S('q')] },
  },
  {
    name: 'OpenAI-compatible: a stream closed without [DONE] after a complete reply keeps its calls',
    only: ['openai'],
    transports: ['stream'],
    replies: () => [
      {
        sse: openAIToolCallsStream([
          { name: 'Weather', arguments: QUIRK_TORONTO },
          { name: 'GoogleSearch', arguments: '{"query":"q"}' },
        ]),
        done: false,
      },
    ],
    expect: { data: [W('Toronto'), S('q')] },
  },
  {
    name: 'OpenAI-compatible: a stream closed mid-call without [DONE] is interrupted, the complete call kept',
    only: ['openai'],
    transports: ['stream'],
    replies: () => [
      {
        sse: [
          chatChunk([delta(0, { name: 'Weather', arguments: QUIRK_TORONTO }, 'call_a')]),
          chatChunk([delta(1, { name: 'GoogleSearch', arguments: '{"query":"who w' }, 'call_b')]),
        ],
        done: false,
      },
    ],
    expect: fail('stream_interrupted', [W('Toronto')], [], { message: /ended before the model finished/ }),
  },
];

/** A `multi_tool_use.parallel` wrapper call, in every driver's wire form. */
const wrapper = (uses: Array<{ recipient_name: unknown; parameters?: unknown }>, id?: string): WireCall => ({
  name: 'multi_tool_use.parallel',
  args: { tool_uses: uses },
  id,
});

const ROWS: Row[] = [
  {
    name: 'valid calls (control row)',
    replies: reply({ calls: [weather('Toronto'), search('q')] }),
    expect: { data: [W('Toronto'), S('q')] },
  },
  {
    name: 'malformed JSON arguments',
    when: textArguments,
    replies: reply({
      calls: [{ name: 'Weather', raw: '{"location": "Toronto",, "units": "metric"}' }, search('q')],
    }),
    expect: fail(
      'invalid_json',
      [S('q')],
      [{ name: 'Weather', index: 0, code: 'invalid_json', message: notJson }],
    ),
  },
  {
    name: 'truncated JSON arguments',
    when: textArguments,
    replies: reply({ calls: [search('q'), { name: 'Weather', raw: '{"location": "Tor', id: 'call_t' }] }),
    expect: fail(
      'invalid_json',
      [S('q')],
      [
        {
          name: 'Weather',
          id: 'call_t',
          index: 1,
          code: 'invalid_json',
          arguments: '{"location": "Tor',
          message: notJson,
        },
      ],
    ),
  },
  {
    name: 'empty arguments mean {} (an empty string on OpenAI, no args on Gemini)',
    responseModel: [Weather, Ping],
    replies: (d, t) => {
      const empty = (name: string): WireCall => (textArguments(d, t) ? { name, raw: '' } : { name });
      return [d.reply({ calls: [empty('Ping'), empty('Weather')] }, t)];
    },
    expect: fail(
      'validation_failed',
      [new Ping()],
      [
        {
          name: 'Weather',
          index: 1,
          code: 'validation_failed',
          errors: [
            'location: location must be a string',
            'units: units must be one of the following values: imperial, metric',
          ],
        },
      ],
    ),
  },
  {
    name: 'arguments that are an array, a number, null',
    replies: reply({
      calls: [
        { name: 'Weather', args: ['Toronto'] },
        { name: 'Weather', args: 3 },
        { name: 'Weather', args: null },
        search('q'),
      ],
    }),
    // Gemini's protocol has no null Struct: `args: null` reads as no arguments at all.
    expect: (d, t) =>
      fail(
        'validation_failed',
        [S('q')],
        [
          {
            index: 0,
            arguments: textArguments(d, t) ? '["Toronto"]' : ['Toronto'],
            message: 'arguments must be a JSON object, got an array',
          },
          {
            index: 1,
            arguments: textArguments(d, t) ? '3' : 3,
            message: 'arguments must be a JSON object, got a number',
          },
          d.traits.nullArgumentsMeanNone
            ? { index: 2, errors: expect.arrayContaining(['location: location must be a string']) }
            : { index: 2, code: 'validation_failed', message: 'arguments must be a JSON object, got null' },
        ],
      ),
  },
  {
    name: 'an unknown tool',
    replies: reply({ calls: [weather('Toronto'), { name: 'BookFlight', args: { to: 'Lisbon' } }] }),
    expect: fail(
      'unknown_tool',
      [W('Toronto')],
      [
        {
          name: 'BookFlight',
          index: 1,
          code: 'unknown_tool',
          message: 'unknown tool "BookFlight"; the tools are: Weather, GoogleSearch',
        },
      ],
    ),
  },
  {
    name: 'tool names __proto__, constructor, toString',
    replies: reply({
      calls: [
        { name: '__proto__', args: {} },
        { name: 'constructor', args: { location: 'x' } },
        { name: 'toString', args: {} },
        weather('Toronto'),
      ],
    }),
    expect: fail(
      'unknown_tool',
      [W('Toronto')],
      [
        { name: '__proto__', index: 0, code: 'unknown_tool' },
        { name: 'constructor', index: 1, code: 'unknown_tool' },
        { name: 'toString', index: 2, code: 'unknown_tool' },
      ],
    ),
  },
  {
    name: '__proto__ and constructor keys inside arguments (dropped, no pollution)',
    responseModel: [Weather, Itinerary],
    replies: (d, t) => {
      const evil = '{"polluted":"yes","toString":"pwned"}';
      const flat = `{"__proto__":${evil},"constructor":{"prototype":${evil}},"location":"Toronto","units":"metric"}`;
      const nested = `{"stops":[{"city":"Lisbon","__proto__":${evil}},{"constructor":{"prototype":${evil}},"city":"Porto"}],"__proto__":${evil}}`;
      return [d.reply({ calls: [fromText(d, t, 'Weather', flat), fromText(d, t, 'Itinerary', nested)] }, t)];
    },
    expect: {
      data: [
        W('Toronto'),
        Object.assign(new Itinerary(), {
          stops: [
            Object.assign(new Stop(), { city: 'Lisbon' }),
            Object.assign(new Stop(), { city: 'Porto' }),
          ],
        }),
      ],
    },
    check: ({ data }) => {
      const [w, it] = data as [Weather, Itinerary];
      for (const obj of [w, it, ...it.stops]) {
        expect(Object.keys(obj)).not.toContain('__proto__');
        expect(Object.getOwnPropertyNames(obj)).not.toContain('constructor');
        expect((obj as any).polluted).toBeUndefined();
        expect(typeof obj.toString).toBe('function');
      }
      expect(Object.getPrototypeOf(w)).toBe(Weather.prototype);
      expect(Object.getPrototypeOf(it.stops[0])).toBe(Stop.prototype);
      expect(w.constructor).toBe(Weather);
    },
  },
  {
    name: 'extra properties (top level and nested)',
    responseModel: [Weather, Itinerary],
    replies: reply({
      calls: [
        { name: 'Weather', args: { location: 'Toronto', units: 'metric', extra: true } },
        { name: 'Itinerary', args: { stops: [{ city: 'Lisbon', nights: 2 }] } },
        weather('Dallas', 'imperial'),
      ],
    }),
    expect: fail(
      'validation_failed',
      [W('Dallas', 'imperial')],
      [
        { name: 'Weather', index: 0, errors: ['extra: property extra should not exist'] },
        { name: 'Itinerary', index: 1, errors: ['stops[0].nights: property nights should not exist'] },
      ],
    ),
  },
  {
    name: 'wrong types (no implicit conversion)',
    responseModel: [Weather, GoogleSearch, Itinerary],
    replies: reply({
      calls: [
        weather(42, 'kelvin'),
        { name: 'Itinerary', args: { stops: 'Lisbon' } },
        { name: 'Itinerary', args: { stops: [{ city: ['Lisbon'] }, 'Porto'] } },
        search('q'),
      ],
    }),
    expect: fail(
      'validation_failed',
      [S('q')],
      [
        {
          index: 0,
          errors: [
            'location: location must be a string',
            'units: units must be one of the following values: imperial, metric',
          ],
        },
        { index: 1, errors: expect.arrayContaining(['stops: stops must be an array']) },
        {
          index: 2,
          errors: expect.arrayContaining(['stops[0].city: city must be a string']),
        },
      ],
    ),
  },
  {
    name: 'arguments nested 100,000 levels deep',
    replies: (d, t) => [
      d.verbatim(
        [
          { name: 'Weather', json: `{"location":${DEEP},"units":"metric"}` },
          { name: 'GoogleSearch', json: '{"query":"q"}' },
        ],
        t,
      ),
    ],
    expect: fail(
      'invalid_json',
      [S('q')],
      [{ name: 'Weather', index: 0, code: 'invalid_json', message: TOO_DEEP }],
    ),
  },
  {
    // Some SDKs read one SSE event in superlinear time (the Google SDKs: 6.5 s for 20 MB, before this
    // library sees a byte): their streams carry what the driver allows, still past the default limit.
    name: '20 MB of arguments (less in one event where the SDK parses events slowly)',
    replies: (d, t) => [
      d.reply(
        {
          calls: [
            weather(t === 'stream' && d.traits.maxStreamEventBytes < TWENTY_MB.length ? TWO_MB : TWENTY_MB),
            search('q'),
          ],
        },
        t,
      ),
    ],
    expect: fail(
      'invalid_json',
      [S('q')],
      [{ name: 'Weather', index: 0, code: 'invalid_json', message: TOO_LARGE }],
    ),
  },
  {
    name: '10,000 calls in one reply',
    replies: reply({ calls: Array.from({ length: 10_000 }, (_, i) => weather(`city ${i}`)) }),
    expect: { data: [] }, // checked below: comparing 10,000 instances one by one says more
    check: ({ data, error }) => {
      expect(error).toBeUndefined();
      expect(data).toHaveLength(10_000);
      expect(data!.every((c, i) => c instanceof Weather && c.location === `city ${i}`)).toBe(true);
    },
  },
  // Ids of the first reply's three calls, then of the replacement.
  ...(
    [
      ['duplicate', ['call_1', 'call_1', 'call_1', 'call_1']],
      ['missing', [null, null, 'call_1', null]],
    ] as const
  ).map(([kind, ids]): Row => ({
    name: `${kind} call ids, and a re-ask after them`,
    when: (traits) => traits.callIds,
    maxRetries: 1,
    requests: 2,
    replies: (d, t) => [
      d.reply(
        {
          calls: [
            weather('Toronto', 'metric', ids[0]),
            weather('Dallas', 'kelvin', ids[1]),
            search('q', ids[2]),
          ],
        },
        t,
      ),
      d.reply({ calls: [weather('Dallas', 'imperial', ids[3])] }, t),
    ],
    expect: reaskedInOrder,
    check: (_, d) => expectUniqueToolCallIds(d, 3),
  })),
  {
    name: 'a text-only reply',
    replies: reply({ calls: [], text: 'It is sunny in Toronto.' }),
    expect: fail('no_tool_calls', [], [], { message: /It is sunny in Toronto\./ }),
  },
  {
    name: 'a refusal',
    when: (traits) => traits.refusal,
    replies: reply({ calls: [], refusal: 'I cannot help with that.' }),
    expect: fail('refusal', [], [], { message: /The model refused: I cannot help with that\./ }),
  },
  {
    name: "cut by the token limit (finish_reason 'length', MAX_TOKENS)",
    replies: (d, t) => {
      // Where arguments are text the last call is cut mid-arguments; objects always arrive whole.
      const last = textArguments(d, t) ? { name: 'GoogleSearch', raw: '{"query": "who w' } : search('q');
      return [d.reply({ calls: [weather('Toronto'), last], stop: 'length' }, t)];
    },
    expect: (d, t) =>
      textArguments(d, t)
        ? fail('incomplete_output', [W('Toronto')], [{ name: 'GoogleSearch', code: 'invalid_json' }], {
            message: /max tokens/,
          })
        : fail('incomplete_output', [W('Toronto'), S('q')], [], { message: /max tokens/ }),
  },
  {
    name: "blocked by a filter (finish_reason 'content_filter', SAFETY)",
    when: (traits) => traits.filterStop,
    replies: reply({ calls: [], stop: 'blocked' }),
    expect: (d) =>
      fail('blocked', [], [], {
        message: d.traits.blockedDetail,
      }),
  },
  {
    name: 'Gemini: a prompt blocked (promptFeedback, no candidates)',
    only: ['genai', 'vertexai'],
    replies: (_, t) => {
      const body = { candidates: [], promptFeedback: { blockReason: 'SAFETY' } };
      return [t === 'stream' ? { sse: [body] } : { json: body }];
    },
    expect: fail('blocked', [], [], { message: /blocked the reply \(prompt SAFETY\)/ }),
  },
  {
    name: 'Gemini: empty candidates',
    only: ['genai', 'vertexai'],
    replies: (_, t) => [t === 'stream' ? { sse: [{ candidates: [] }] } : { json: { candidates: [] } }],
    // A stream that never says the model finished was cut; a whole reply without candidates says nothing.
    expect: (_, t) =>
      t === 'stream'
        ? fail('stream_interrupted', [], [], { message: /ended before the model finished/ })
        : fail('no_tool_calls', [], []),
  },
  {
    name: 'a malformed SSE line mid-stream',
    transports: ['stream'],
    replies: (d) => {
      const chunks: SseItem[] = d.chunks({ calls: [weather('Toronto'), search('q')] });
      chunks.splice(d.afterFirstCall(chunks), 0, settle(), '{"choices": [{"delta": ');
      return [{ sse: chunks }];
    },
    expect: fail('stream_interrupted', [W('Toronto')], [], {
      message: /^The stream broke before the reply was complete/,
    }),
  },
  {
    name: 'a malformed body',
    replies: () => [{ fault: 'malformed-body' }],
    expect: (_, t) =>
      t === 'stream'
        ? fail('stream_interrupted', [], [])
        : // The SDK's own JSON error passes through (by name: it comes from another realm under Jest).
          { sdkError: { name: 'SyntaxError' } },
  },
  {
    name: 'a connection cut (mid-stream; before any byte for a whole reply)',
    replies: (d, t) => {
      if (t === 'json') return [{ fault: 'cut-connection' }];
      const chunks = d.chunks({ calls: [weather('Toronto'), search('q')] });
      const sent = d.afterFirstCall(chunks);
      return [
        {
          fault: 'cut-connection',
          sse: [...chunks.slice(0, sent), settle(), ...chunks.slice(sent)],
          afterChunks: sent + 1,
        },
      ];
    },
    expect: (d, t) =>
      t === 'stream' ? fail('stream_interrupted', [W('Toronto')], []) : sdkError((e) => e.connectionCut)(d),
  },
  ...([429, 500] as const).map((status): Row => ({
    name: `HTTP ${status} twice, then a reply: the SDK retries (maxRetries: 2), exactly 3 requests`,
    when: (traits) => traits.sdkRetries,
    sdk: { retries: 2 },
    requests: 3,
    replies: (d, t) => [
      { status, headers: { 'retry-after-ms': '5' } },
      { status, headers: { 'retry-after-ms': '5' } },
      d.reply({ calls: [weather('Toronto')] }, t),
    ],
    expect: { data: [W('Toronto')] },
  })),
  {
    name: 'HTTP 429 three times: the SDK error passes through after its own retries, never re-asked',
    when: (traits) => traits.sdkRetries,
    sdk: { retries: 2 },
    maxRetries: 3,
    requests: 3,
    replies: () => Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after-ms': '5' } })),
    expect: sdkError((e) => e.http429),
  },
  {
    name: 'SDK retries and re-asks are independent (429, bad call, 500, fixed call: 4 requests)',
    when: (traits) => traits.sdkRetries,
    sdk: { retries: 2 },
    maxRetries: 1,
    requests: 4,
    replies: (d, t) => [
      { status: 429, headers: { 'retry-after-ms': '5' } },
      d.reply({ calls: [weather('Toronto', 'kelvin'), search('q')] }, t),
      { status: 500, headers: { 'retry-after-ms': '5' } },
      d.reply({ calls: [weather('Toronto')] }, t),
    ],
    // A stream yields each call once accepted: the replacement comes after the call accepted first.
    expect: (_, t) => ({
      data: t === 'stream' ? [S('q'), W('Toronto')] : [W('Toronto'), S('q')],
      attempts: 2,
    }),
  },
  {
    name: 'HTTP 500 without SDK retries passes through, and is never re-asked',
    maxRetries: 2,
    replies: () => [{ status: 500 }],
    expect: sdkError((e) => e.http500),
  },
  {
    name: 'HTTP 429 passes through at once where the SDK has no retries, one request',
    when: (traits) => !traits.sdkRetries,
    maxRetries: 2,
    replies: () => [{ status: 429 }],
    expect: sdkError((e) => e.http429),
  },
  {
    name: 'a server that never answers: the SDK timeout ends it',
    sdk: { timeout: 200 },
    requests: [0, 1],
    within: 2000,
    replies: () => [{ fault: 'never-respond' }],
    expect: sdkError((e) => e.timeout),
  },
  {
    name: 'a server that never answers: the signal ends it',
    abortAfterMs: 50,
    requests: [0, 1],
    within: 2000,
    replies: () => [{ fault: 'never-respond' }],
    expect: sdkError((e) => e.abort),
  },
  {
    name: 'limits: a smaller maxArgumentsBytes refuses what the default accepts',
    options: { limits: { maxArgumentsBytes: 64 } },
    replies: reply({ calls: [weather('T'.repeat(100)), search('q')] }),
    expect: fail(
      'invalid_json',
      [S('q')],
      [
        {
          index: 0,
          message: 'arguments are larger than 64 bytes (raise limits.maxArgumentsBytes to accept more)',
        },
      ],
    ),
  },
  {
    name: 'limits: a smaller maxDepth refuses nested arguments',
    options: { limits: { maxDepth: 2 } },
    responseModel: [Weather, Itinerary],
    replies: reply({
      calls: [{ name: 'Itinerary', args: { stops: [{ city: 'Lisbon' }] } }, weather('Toronto')],
    }),
    expect: fail(
      'invalid_json',
      [W('Toronto')],
      [
        {
          name: 'Itinerary',
          message: 'arguments nest deeper than 2 levels (raise limits.maxDepth to accept more)',
        },
      ],
    ),
  },
  {
    name: 'limits: a larger maxDepth lets deep arguments reach validation',
    options: { limits: { maxDepth: 200 } },
    responseModel: [Weather, Itinerary],
    replies: reply({ calls: [{ name: 'Itinerary', args: { stops: nestedArrays(150) } }] }),
    expect: fail(
      'validation_failed',
      [],
      [
        {
          name: 'Itinerary',
          code: 'validation_failed',
          errors: ['stops: each value in stops must be an object'],
        },
      ],
    ),
  },
  {
    name: 'limits: a larger maxArgumentsBytes accepts 20 MB',
    transports: ['json'],
    options: { limits: { maxArgumentsBytes: 32 * MIB } },
    replies: reply({ calls: [weather(TWENTY_MB)] }),
    expect: { data: [W(TWENTY_MB)] },
  },
  {
    name: 'a multi_tool_use.parallel wrapper is unwrapped into its calls',
    replies: reply({
      calls: [
        wrapper(
          [
            { recipient_name: 'functions.Weather', parameters: { location: 'Toronto', units: 'metric' } },
            { recipient_name: 'functions.GoogleSearch', parameters: { query: 'q' } },
          ],
          'call_w',
        ),
        weather('Dallas', 'imperial'),
      ],
    }),
    expect: { data: [W('Toronto'), S('q'), W('Dallas', 'imperial')] },
  },
  {
    name: 'a wrapper with an unknown inner tool: unknown_tool beside the valid calls',
    replies: reply({
      calls: [
        wrapper([
          { recipient_name: 'functions.Weather', parameters: { location: 'Toronto', units: 'metric' } },
          { recipient_name: 'functions.BookFlight', parameters: { to: 'Lisbon' } },
          { recipient_name: 42 },
        ]),
        search('q'),
      ],
    }),
    expect: fail(
      'unknown_tool',
      [W('Toronto'), S('q')],
      [
        { name: 'BookFlight', index: 0, code: 'unknown_tool' },
        { name: '42', index: 0, code: 'unknown_tool' },
      ],
    ),
  },
  {
    name: 'a wrapper whose arguments are not of its shape fails as the unknown tool it is',
    replies: reply({ calls: [{ name: 'multi_tool_use.parallel', args: { calls: [] } }, search('q')] }),
    expect: fail('unknown_tool', [S('q')], [{ name: 'multi_tool_use.parallel', code: 'unknown_tool' }]),
  },
  ...OPENAI_COMPATIBLE_ROWS,
];

function nestedArrays(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** The re-ask the server received: every call id unique and non-empty, each answered once, in order. */
function expectUniqueToolCallIds(d: Driver, calls: number): void {
  const { echoed, answered } = d.reaskIds(d.server.requests[1].body);
  expect(echoed).toHaveLength(calls);
  expect(new Set(echoed).size).toBe(calls);
  expect(echoed.every((id: unknown) => typeof id === 'string' && id !== '')).toBe(true);
  expect(answered).toEqual(echoed);
}

async function run(d: Driver, t: Transport, row: Row): Promise<Ran> {
  const extractor = d.extractor(row.options, row.sdk);
  const controller = new AbortController();
  const timer =
    row.abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), row.abortAfterMs);
  const request = {
    messages: [{ role: 'user' as const, content: 'Weather in Toronto, and search the super bowl.' }],
    responseModel: row.responseModel ?? ([Weather, GoogleSearch] as const),
    maxRetries: row.maxRetries,
    signal: controller.signal,
  };
  const yielded: object[] = [];
  const started = performance.now();
  const ms = () => performance.now() - started;
  try {
    if (t === 'stream') {
      for await (const call of extractor.stream(request)) yielded.push(call);
      return { data: yielded, yielded, ms: ms() };
    }
    const result = await extractor.extractWithResponse(request);
    return { data: result.data, attempts: result.attempts, yielded, ms: ms() };
  } catch (error) {
    return { error, yielded, ms: ms() };
  } finally {
    clearTimeout(timer);
  }
}

function resolved(row: Row, d: Driver, t: Transport): Expected {
  return typeof row.expect === 'function' ? row.expect(d, t) : row.expect;
}

function assertOutcome(ran: Ran, expected: Expected, t: Transport): void {
  if ('data' in expected) {
    if (ran.error) throw ran.error;
    if (t === 'json') expect(ran.attempts).toBe(expected.attempts ?? 1);
    if (expected.data.length > 0) {
      expect(ran.data).toEqual(expected.data);
      expect(ran.data!.map((c) => c.constructor)).toEqual(expected.data.map((c) => c.constructor));
    }
  } else if ('code' in expected) {
    expect(ran.error).toBeInstanceOf(ExtractionError);
    const e = ran.error as ExtractionError;
    expect({ code: e.code, results: e.results, failures: e.failures }).toEqual({
      code: expected.code,
      results: expected.results,
      failures: expected.failures.map((f) => expect.objectContaining(f)),
    });
    expect(e.results.map((c) => (c as object).constructor)).toEqual(
      expected.results.map((c) => c.constructor),
    );
    if (expected.message) expect(e.message).toMatch(expected.message);
    expect(e.attempts).toBe(expected.attempts ?? 1);
    // Nothing yielded is lost and nothing is yielded twice: the error's results are what streamed out.
    if (t === 'stream') expect(ran.yielded).toEqual(e.results);
  } else {
    const { class: cls, name, message, status } = expected.sdkError;
    expect(ran.error).toBeDefined();
    expect(ran.error).not.toBeInstanceOf(ParallelToolsError);
    const e = ran.error as Error & { status?: number };
    if (cls) expect(e).toBeInstanceOf(cls);
    if (name) expect(e.name).toBe(name);
    if (message) expect(e.message).toMatch(message);
    if (status !== undefined) expect(e.status).toBe(status);
  }
}

const prototypeKeys = (o: object) => Reflect.ownKeys(o).map(String).sort();
const PRISTINE = [Object.prototype, Array.prototype, Function.prototype].map(prototypeKeys);
const timings: string[] = [];

describe.each(Object.keys(DRIVERS))('bad input through the %s SDK', (provider) => {
  let d: Driver;
  beforeAll(async () => (d = await DRIVERS[provider].start()));
  afterAll(() => d.close());
  beforeEach(async () => {
    // A request given up on before the server saw it leaves its reply queued: start afresh.
    if (d.server.pendingReplies > 0) {
      await d.close();
      d = await DRIVERS[provider].start();
    }
    d.server.requests.splice(0);
  });
  afterEach(() => {
    // No row may leave anything on a shared prototype.
    expect([Object.prototype, Array.prototype, Function.prototype].map(prototypeKeys)).toEqual(PRISTINE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe.each(['json', 'stream'] as Transport[])('%s', (transport) => {
    const rows = ROWS.filter(
      (r) =>
        (r.only ?? [provider]).includes(provider) &&
        (r.transports ?? [transport]).includes(transport) &&
        (r.when === undefined || r.when(DRIVERS[provider].traits, transport)),
    );
    it.each(rows.map((r) => [r.name, r] as const))('%s', async (_, row) => {
      row.replies(d, transport).forEach((r) => d.server.enqueue(r));
      const ran = await run(d, transport, row);
      timings.push(`${provider}/${transport} ${row.name}: ${ran.ms.toFixed(0)} ms`);

      assertOutcome(ran, resolved(row, d, transport), transport);
      row.check?.(ran, d, transport);
      const [min, max] =
        typeof row.requests === 'object' ? row.requests : [row.requests ?? 1, row.requests ?? 1];
      expect(d.server.requests.length).toBeGreaterThanOrEqual(min);
      expect(d.server.requests.length).toBeLessThanOrEqual(max);
      if (d.server.requests.length > 0) expect(d.server.pendingReplies).toBe(0);
      if (row.within !== undefined) expect(ran.ms).toBeLessThan(row.within);
    });
  });
});

afterAll(() => {
  if (process.env.ROBUSTNESS_TIMINGS) console.log(timings.join('\n'));
});
