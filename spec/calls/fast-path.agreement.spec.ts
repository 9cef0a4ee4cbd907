import { Expose, plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Min,
  validate,
  ValidateIf,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
} from 'class-validator';
import fc from 'fast-check';
import { DEFAULT_ARGUMENT_LIMITS, Field, Int, Tool, type ClassType } from 'parallel-tools';
import { parseArguments } from '../../src/calls/arguments.parser';
import { checkCall, type CallOutcome } from '../../src/calls/call.validator';
import { constructFast, fastPlanFor, passesFast } from '../../src/calls/fast-path';
import { ToolRegistry } from '../../src/calls/tool-registry';
import { runWithValidationContext } from '../../src/calls/validation-context';
import { flattenValidationErrors } from '../../src/calls/validation-errors';
import { normalizeWireValue, type WireOptions } from '../../src/calls/wire-normalizer';
import { resolveClassModel } from '../../src/metadata/class-model.resolver';

/**
 * The fast path and the cached executor against class-validator itself: for valid and invalid
 * arguments alike, `checkCall` must give what `plainToInstance` + class-validator's public
 * `validate` give (the library's path before either existed): the same verdict, the same error
 * lines, and instances of the same class with the same own properties.
 */

enum Colour {
  Red = 'red',
  Blue = 'blue',
}
enum Level {
  Low = 1,
  High = 2,
}

@Tool()
class Weather {
  @Field() location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

@Tool()
class Bounds {
  @Field({ minLength: 1, maxLength: 8 }) title!: string;
  @Field({ type: () => Int, minimum: 0, maximum: 100 }) count!: number;
  @Field() ratio!: number;
  @Field() flag!: boolean;
  @Field({ optional: true, nullable: true, type: () => String }) note?: string | null;
  @Field({ type: () => [String], maxItems: 3, uniqueItems: true, optional: true }) tags?: string[];
  @Field({ pattern: '^[A-Z]{3}$', optional: true }) code?: string;
  @Field({ format: 'email', optional: true }) email?: string;
}

@Tool()
class PlainDto {
  @IsOptional() @IsString() name?: string;
  @IsInt() @Min(1) quantity!: number;
  @IsIn(['a', 'b']) kind!: string;
  @IsDefined() @IsBoolean() active!: boolean;
  @IsArray() @IsString({ each: true }) @ArrayMinSize(1) labels!: string[];
  @IsEnum(Colour) colour!: Colour;
}

@Tool()
class Defaulted {
  @Field({ optional: true }) units: string = 'metric';
  @Field() city!: string;
}

class Base {
  @Field() name!: string;
}
@Tool()
class Derived extends Base {
  @Field({ minimum: 0 }) size!: number;
}

// Classes the fast path must leave to the full way.

@Tool()
class Leg {
  @Field() from!: string;
  @Field({ type: () => Int, minimum: 1 }) hours!: number;
}
@Tool()
class Route {
  @Field({ type: () => [Leg], minItems: 1 }) legs!: Leg[];
  @Field({ enum: Level }) level!: Level;
}

@Tool()
class NumericEnumDto {
  @IsEnum(Level) level!: Level;
  @IsString() label!: string;
}

@ValidatorConstraint({ name: 'even' })
class Even implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'number' && value % 2 === 0;
  }
  defaultMessage() {
    return '$property must be even';
  }
}
@ValidatorConstraint({ name: 'slowEven', async: true })
class SlowEven implements ValidatorConstraintInterface {
  async validate(value: unknown) {
    await Promise.resolve();
    return typeof value === 'number' && value % 2 === 0;
  }
}
@Tool()
class Custom {
  @Field({ type: () => Int }) @Validate(Even) even!: number;
  @Field({ type: () => Int, optional: true }) @Validate(SlowEven) slow?: number;
  @Field({ optional: true }) @ValidateIf((o: Custom) => o.even !== 0) @IsString() when?: string;
}

@Tool()
class Transformed {
  @Field() @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) name!: string;
  @Expose({ name: 'wire_size' }) @Field({ type: () => Int }) size!: number;
}

@Tool()
class Grouped {
  @IsString() a!: string;
  @IsInt({ groups: ['strict'] }) b!: number;
}

const FAST: ClassType[] = [Weather, Bounds, PlainDto, Defaulted, Derived, Leg];
const FULL: ClassType[] = [Route, NumericEnumDto, Custom, Transformed, Grouped];
const registry = new ToolRegistry([...FAST, ...FULL]);

const junk = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 200 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('a', 'from', 'hours'), fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 }),
);
const likely = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });
const word = fc.constantFrom('Oslo', 'Lima', 'x', '', 'ABC', 'abc', 'a@b.io', 'not an email', 'QQQQQQQQQQ');

const FIELDS = new Map<ClassType, Record<string, fc.Arbitrary<unknown>>>([
  [Weather, { location: word, units: fc.constantFrom('imperial', 'metric', 'kelvin') }],
  [
    Bounds,
    {
      title: word,
      count: fc.integer({ min: -1, max: 101 }),
      ratio: fc.double({ min: -1, max: 1, noNaN: true }),
      flag: fc.boolean(),
      note: fc.option(word),
      tags: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
      code: fc.constantFrom('ABC', 'abc', 'ABCD'),
      email: fc.constantFrom('a@b.io', 'nope'),
    },
  ],
  [
    PlainDto,
    {
      name: fc.option(word),
      quantity: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom('a', 'b', 'c'),
      active: fc.boolean(),
      labels: fc.array(word, { maxLength: 3 }),
      colour: fc.constantFrom('red', 'blue', 'Red', 'green'),
    },
  ],
  [Defaulted, { units: word, city: word }],
  [Derived, { name: word, size: fc.integer({ min: -1, max: 5 }) }],
  [Leg, { from: word, hours: fc.integer({ min: 0, max: 3 }) }],
  [
    Route,
    {
      legs: fc.array(fc.record({ from: word, hours: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
      level: fc.constantFrom(1, 2, 3, 'High'),
    },
  ],
  [NumericEnumDto, { level: fc.constantFrom(1, 2, 'High', 'Low', '1'), label: word }],
  [Custom, { even: fc.integer({ min: 0, max: 4 }), slow: fc.integer({ min: 0, max: 4 }), when: word }],
  [
    Transformed,
    { name: fc.constantFrom(' a ', 'b'), wire_size: fc.integer({ min: 0, max: 3 }), size: fc.integer() },
  ],
  [Grouped, { a: word, b: fc.constantFrom(1, 'x') }],
]);

/** Arguments for one class: all properties, or any of them, likely valid or junk, sometimes an extra key. */
const argumentsFor = (target: ClassType): fc.Arbitrary<Record<string, unknown>> => {
  const fields = FIELDS.get(target)!;
  const maybeJunk = Object.fromEntries(Object.entries(fields).map(([k, arb]) => [k, likely(arb)]));
  const args = fc.oneof(fc.record(fields), fc.record(maybeJunk, { requiredKeys: [] })) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const extra = fc.option(fc.tuple(fc.constantFrom('extra', 'toString', 'hasOwnProperty', 'valueOf'), junk), {
    freq: 6,
  });
  return fc.tuple(args, extra).map(([a, more]) => (more ? { ...a, [more[0]]: more[1] } : a));
};

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

type Verdict =
  { ok: true; instance: object } | { ok: false; code: string; message: string; errors?: string[] };

/** The library's path before the cache and the fast path: plainToInstance, then class-validator's validate. */
async function reference(
  target: ClassType,
  raw: unknown,
  wire: WireOptions,
  context?: unknown,
): Promise<Verdict> {
  const parsed = parseArguments(raw, DEFAULT_ARGUMENT_LIMITS);
  if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
  normalizeWireValue(resolveClassModel(target), parsed.value, wire);
  const instance = plainToInstance(target, parsed.value, { enableImplicitConversion: false }) as object;
  const errors = await runWithValidationContext(context, () => validate(instance, OPTIONS));
  if (errors.length === 0) return { ok: true, instance };
  const lines = flattenValidationErrors(errors);
  return { ok: false, code: 'validation_failed', message: lines.join('; '), errors: lines };
}

function verdictOf(outcome: CallOutcome): Verdict {
  if (outcome.ok) return { ok: true, instance: outcome.instance };
  const { code, message, errors } = outcome.failure;
  return { ok: false, code, message, ...(errors ? { errors } : {}) };
}

function expectSameVerdict(got: Verdict, want: Verdict, what: string): void {
  if (got.ok !== want.ok) throw new Error(`${what}: checkCall ok=${got.ok}, class-validator ok=${want.ok}`);
  if (got.ok && want.ok) {
    expect(Object.getPrototypeOf(got.instance)).toBe(Object.getPrototypeOf(want.instance));
    expect(Reflect.ownKeys(got.instance)).toEqual(Reflect.ownKeys(want.instance));
    expect(got.instance).toStrictEqual(want.instance);
  } else {
    expect(got).toEqual(want);
  }
}

/** Whether the fast path alone settles these arguments as valid. */
function fastAccepts(target: ClassType, raw: unknown, wire: WireOptions): boolean {
  const plan = fastPlanFor(target);
  const parsed = parseArguments(raw, DEFAULT_ARGUMENT_LIMITS);
  if (!plan || !parsed.ok) return false;
  normalizeWireValue(resolveClassModel(target), parsed.value, wire);
  const built = constructFast(plan, parsed.value);
  return built !== undefined && passesFast(plan, built);
}

describe('the fast path and the cached executor agree with class-validator', () => {
  it('compiles a fast path exactly for the classes whose every rule it understands', () => {
    for (const target of [...FAST, ...FULL]) resolveClassModel(target);
    expect(FAST.map((c) => [c.name, fastPlanFor(c) !== null])).toEqual(FAST.map((c) => [c.name, true]));
    expect(FULL.map((c) => [c.name, fastPlanFor(c) !== null])).toEqual(FULL.map((c) => [c.name, false]));
  });

  const WIRES: WireOptions[] = [
    { dropNulls: false, enumStrings: false },
    { dropNulls: true, enumStrings: false },
    { dropNulls: false, enumStrings: true },
  ];
  const call = (target: ClassType) =>
    fc.tuple(fc.constant(target), argumentsFor(target), fc.boolean(), fc.constantFrom(...WIRES));

  it('simple classes: same verdicts, errors and instances; every valid call is settled by the fast path', async () => {
    let fast = 0;
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...FAST.map(call)), async ([target, args, asText, wire]) => {
        const raw = asText ? JSON.stringify(args) : structuredClone(args);
        const name = resolveClassModel(target).name;
        const outcome = await checkCall(
          registry,
          { index: 0, name, arguments: raw },
          { limits: DEFAULT_ARGUMENT_LIMITS, wire },
        );
        const want = await reference(target, raw, wire);
        expectSameVerdict(verdictOf(outcome), want, `${name} ${JSON.stringify(args)}`);
        const accepted = fastAccepts(target, raw, wire);
        // The fast path never accepts what class-validator refuses; with only the class's own
        // properties sent it misses no valid call either (others, e.g. `toString`, it leaves to the full way).
        if (accepted) expect(want.ok).toBe(true);
        const ownKeysOnly = Object.keys(args).every((k) => Object.hasOwn(FIELDS.get(target)!, k));
        if (ownKeysOnly) expect(accepted).toBe(want.ok);
        if (accepted) fast++;
        else invalid++;
      }),
      { numRuns: 1500 },
    );
    expect(fast).toBeGreaterThan(50);
    expect(invalid).toBeGreaterThan(150);
  });

  it('nested, custom, async, conditional, transformed and grouped classes: same verdicts through the full path', async () => {
    const context = { tenant: 'x' };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(...FULL.map(call)),
        fc.boolean(),
        async ([target, args, asText, wire], withContext) => {
          const raw = asText ? JSON.stringify(args) : structuredClone(args);
          const name = resolveClassModel(target).name;
          const validationContext = withContext ? context : undefined;
          const outcome = await checkCall(
            registry,
            { index: 0, name, arguments: raw },
            { limits: DEFAULT_ARGUMENT_LIMITS, wire, validationContext },
          );
          expectSameVerdict(verdictOf(outcome), await reference(target, raw, wire, validationContext), name);
        },
      ),
      { numRuns: 1200 },
    );
  });
});
