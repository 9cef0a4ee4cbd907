import fc from 'fast-check';
import { DEFAULT_ARGUMENT_LIMITS, Field, Int, Tool } from 'parallel-tools';
import { validateCall, type CallOutcome, type RawCall } from '../../src/calls/call.validator';
import { ToolRegistry } from '../../src/calls/tool-registry';
import { GeminiStreamAssembler } from '../../src/providers/gemini/gemini-stream.assembler';
import { OpenAIStreamAssembler } from '../../src/providers/openai/openai-stream.assembler';

/**
 * Property-based fuzzing of what the model controls: any tool name with any arguments becomes a
 * valid instance or a typed failure (never an exception, a hang or a polluted prototype), and the
 * stream assemblers put calls back together however the provider splits them.
 */

enum Priority {
  Low = 1,
  High = 2,
}

@Tool()
class Stop {
  @Field() city!: string;
  @Field({ type: () => Int, minimum: 1 }) nights!: number;
  @Field({ optional: true, nullable: true, type: () => String }) note?: string | null;
}

@Tool()
class Trip {
  @Field({ type: () => [Stop], minItems: 1 }) stops!: Stop[];
  @Field({ enum: Priority }) priority!: Priority;
  @Field({ type: () => [String], optional: true }) tags?: string[];
}

@Tool()
class Weather {
  @Field() location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool()
class Flags {
  @Field() enabled!: boolean;
  @Field({ minimum: 0, maximum: 100 }) ratio!: number;
}

const registry = new ToolRegistry([Trip, Stop, Weather, Flags]);
const CODES = ['unknown_tool', 'invalid_json', 'validation_failed'];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype, Stop.prototype, Trip.prototype].map((p) =>
    Reflect.ownKeys(p).map(String).sort(),
  );
const PRISTINE = prototypeKeys();

/** validateCall, failing the property if it throws or takes more than a second. */
async function check(
  name: unknown,
  args: unknown,
  wire = { dropNulls: false, enumStrings: false },
): Promise<CallOutcome> {
  const call = { index: 7, id: 'call_fuzz', name: name as string, arguments: args };
  let timer!: NodeJS.Timeout;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`validateCall hung on ${JSON.stringify(name)}`)), 1000);
  });
  try {
    return await Promise.race([
      validateCall(registry, call, { limits: DEFAULT_ARGUMENT_LIMITS, wire }),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asserts an outcome is well formed, whichever it is. */
function expectWellFormed(outcome: CallOutcome, name: unknown): void {
  const target = registry.get(name);
  if (outcome.ok) {
    expect(target).toBeDefined();
    expect(outcome.instance).toBeInstanceOf(target!);
    expect(Number.isInteger(outcome.key)).toBe(true);
  } else {
    const f = outcome.failure;
    expect(CODES).toContain(f.code);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(f).toMatchObject({ name: String(name), index: 7, id: 'call_fuzz' });
    expect(f.code === 'unknown_tool').toBe(target === undefined);
    if (f.errors) {
      expect(f.errors.length).toBeGreaterThan(0);
      expect(f.errors.every((line) => typeof line === 'string' && line.length > 0)).toBe(true);
    }
  }
  expect(prototypeKeys()).toEqual(PRISTINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** JSON object text whose keys may repeat or be `__proto__`: JSON.parse makes them own properties. */
const hostileText: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.json({ maxDepth: 1 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), tie('node')), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  ),
})).node;

const validStop = fc.record(
  { city: fc.string(), nights: fc.integer({ min: 1, max: 10_000 }), note: fc.option(fc.string()) },
  { requiredKeys: ['city', 'nights'] },
);
const validTrip = fc.record(
  {
    stops: fc.array(validStop, { minLength: 1, maxLength: 4 }),
    priority: fc.constantFrom(1, 2),
    tags: fc.array(fc.string()),
  },
  { requiredKeys: ['stops', 'priority'] },
);
const validWeather = fc.record({ location: fc.string(), units: fc.constantFrom('imperial', 'metric') });
const validFlags = fc.record({ enabled: fc.boolean(), ratio: fc.double({ min: 0, max: 100, noNaN: true }) });
const VALID: Array<[string, fc.Arbitrary<Record<string, unknown>>]> = [
  ['Trip', validTrip],
  ['Stop', validStop],
  ['Weather', validWeather],
  ['Flags', validFlags],
];

/** Arguments a model could send: any JSON value, any text, hostile keys, near misses of valid ones. */
const anyArguments: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.json(),
  fc.string(),
  hostileText,
  hostileText.map((text) => JSON.parse(text) as unknown),
  fc.constantFrom(undefined, null, '', '   ', '{', '{"a":', 'null', '[]', '1e999', '"\\ud800"'),
  fc.nat({ max: 80 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .tuple(fc.oneof(...VALID.map(([, arb]) => arb)), fc.string(), fc.jsonValue())
    .map(([valid, key, value]) => ({ ...valid, [key]: value })),
  fc
    .tuple(
      validTrip.map((t) => JSON.stringify(t)),
      fc.nat(),
    )
    .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
);
const anyName = fc.oneof(
  fc.constantFrom('Trip', 'Stop', 'Weather', 'Flags', ...HOSTILE_KEYS, '', 'trip', 'Trip '),
  fc.string(),
  fc.constantFrom(undefined, null, 42, {}),
);

describe('validateCall under arbitrary model output', () => {
  it('any name with any arguments: a valid instance or a typed failure, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(anyName, anyArguments, fc.boolean(), async (name, args, gemini) => {
        const outcome = await check(name, args, { dropNulls: !gemini, enumStrings: gemini });
        expectWellFormed(outcome, name);
      }),
      { numRuns: 600 },
    );
  });

  it('valid arguments are accepted, as JSON text or as an object, with their values kept', async () => {
    const valid = fc.oneof(...VALID.map(([name, arb]) => arb.map((args) => [name, args] as const)));
    await fc.assert(
      fc.asyncProperty(valid, async ([name, args]) => {
        for (const sent of [JSON.stringify(args), structuredClone(args)]) {
          const outcome = await check(name, sent);
          if (!outcome.ok) throw new Error(`${name} ${JSON.stringify(args)}: ${outcome.failure.message}`);
          expect(outcome.instance).toBeInstanceOf(registry.get(name)!);
          expect(JSON.parse(JSON.stringify(outcome.instance))).toEqual(JSON.parse(JSON.stringify(args)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('__proto__ and constructor keys are dropped from valid arguments, at any level, without pollution', async () => {
    await fc.assert(
      fc.asyncProperty(validTrip, hostileText, async (trip, noise) => {
        const evil = `{"polluted":"yes","toString":"pwned","noise":${noise}}`;
        const stops = trip.stops.map((s) => `{"__proto__":${evil},${JSON.stringify(s).slice(1)}`);
        const text = `{"constructor":{"prototype":${evil}},"__proto__":${evil},"stops":[${stops.join(',')}],"priority":${trip.priority}}`;
        for (const sent of [text, JSON.parse(text) as unknown]) {
          const outcome = await check('Trip', sent);
          expectWellFormed(outcome, 'Trip');
          expect(outcome.ok).toBe(true);
          const instance = (outcome as { instance: Trip }).instance;
          expect(Object.getPrototypeOf(instance)).toBe(Trip.prototype);
          for (const obj of [instance, ...instance.stops]) {
            expect(Object.getPrototypeOf(obj)).toBe(obj === instance ? Trip.prototype : Stop.prototype);
            expect('polluted' in obj).toBe(false);
            expect(typeof obj.toString).toBe('function');
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** Cuts `text` at the given points (any of them, sorted and deduplicated). */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...points, text.length]) {
    if (at > from) pieces.push(text.slice(from, at));
    from = Math.max(from, at);
  }
  return pieces;
}

/** Groups `items` into consecutive runs whose sizes cycle through `sizes` (each at least 1). */
function group<T>(items: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < items.length; k++) {
    const size = 1 + (sizes[k % sizes.length] ?? 0);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

describe('stream assemblers under arbitrary splits', () => {
  const cuts = fc.array(fc.nat(), { maxLength: 12 });
  const sizes = fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 6 });

  it('OpenAI: any split of names and arguments into deltas and chunks assembles the unsplit calls', () => {
    // Arguments whose JSON object or array closes on their last character, text that never looks
    // like one, an object cut before its end, or nothing.
    const closed = fc.json().filter((j) => /^[[{]/.test(j));
    const call = fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 12 }),
        name: fc.string({ minLength: 1, maxLength: 20 }),
        arguments: fc.oneof(
          fc.json(),
          fc.string().filter((t) => !/^\s*[[{]/.test(t)),
          closed.map((j) => j.slice(0, -1)),
          fc.constant(''),
        ),
      },
      { requiredKeys: ['name', 'arguments'] },
    );
    const closes = (text: string) => {
      if (!/^[[{]/.test(text)) return false;
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(call, cuts, cuts), { maxLength: 6 }),
        sizes,
        fc.boolean(),
        (calls, grouping, usage) => {
          const deltas = calls.flatMap(([c, nameCuts, argCuts], index) => {
            const [firstName, ...restName] = split(c.name, nameCuts);
            const args = split(c.arguments, argCuts);
            return [
              { index, id: c.id, type: 'function', function: { name: firstName, arguments: '' } },
              ...restName.map((name) => ({ index, function: { name } })),
              ...args.map((a, k) => ({ index, function: { arguments: a }, last: k === args.length - 1 })),
            ];
          });
          const chunk = (delta: object, finish: string | null = null) => ({
            id: 'c',
            object: 'chat.completion.chunk',
            created: 1,
            model: 'm',
            choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          });
          const groups = group(deltas, grouping);
          const chunks: any[] = [
            chunk({ role: 'assistant' }),
            ...groups.map((g) => chunk({ tool_calls: g.map(({ last: _, ...d }: any) => d) })),
          ];
          chunks.push(chunk({}, 'tool_calls'));
          if (usage)
            chunks.push({
              id: 'c',
              choices: [],
              usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
            });

          const assembler = new OpenAIStreamAssembler();
          const emitted: Array<RawCall & { at: number }> = [];
          chunks.forEach((c, at) => emitted.push(...assembler.push(c).map((call) => ({ ...call, at }))));

          // The reference: a call whose JSON closes is complete at the delta that closes it; any
          // other call when the choice finishes, in the order the calls began.
          const expected: Array<{ call: number; at: number }> = [];
          groups.forEach((g, k) =>
            g.forEach((d: any) => {
              if (d.last && closes(calls[d.index][0].arguments)) expected.push({ call: d.index, at: k + 1 });
            }),
          );
          const finishAt = groups.length + 1;
          calls.forEach((_, i) => {
            if (!expected.some((e) => e.call === i)) expected.push({ call: i, at: finishAt });
          });
          expect(emitted).toEqual(
            expected.map(({ call: i, at }) => ({
              index: i,
              id: calls[i][0].id,
              name: calls[i][0].name,
              arguments: calls[i][0].arguments,
              at,
            })),
          );
          expect(assembler.finished).toBe(true);
          const toolCalls = assembler.toResponse().choices[0].message.tool_calls ?? [];
          expect(toolCalls.map((t: any) => [t.id, t.function.name, t.function.arguments])).toEqual(
            calls.map(([c]) => [c.id ?? '', c.name, c.arguments]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Gemini: any grouping of parts into chunks assembles the same calls, text parts aside', () => {
    const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__');
    const part = fc.oneof(
      fc.record({
        functionCall: fc.record({
          name: fc.string({ minLength: 1, maxLength: 12 }),
          args: fc.dictionary(key, fc.jsonValue(), { maxKeys: 4 }),
        }),
      }),
      fc.record({ text: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), sizes, (parts, grouping) => {
        const groups = group(parts, grouping);
        const chunks = (groups.length > 0 ? groups : [[]]).map((g, i, all) => ({
          candidates: [
            {
              content: { role: 'model', parts: structuredClone(g) },
              ...(i === all.length - 1 ? { finishReason: 'STOP' } : {}),
            },
          ],
        }));
        const assembler = new GeminiStreamAssembler();
        const emitted = chunks.flatMap((c) => assembler.push(c as any));
        const calls = parts.flatMap((p: any) => (p.functionCall ? [p.functionCall] : []));
        expect(emitted).toEqual(
          calls.map((c, index) => ({ index, id: undefined, name: c.name, arguments: c.args })),
        );
        expect(assembler.finished).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
