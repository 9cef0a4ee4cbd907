import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { Field, Int, Tool } from 'parallel-tools';
import { callHash } from '../../src/calls/call-key';
import {
  canonicalJson,
  checkCallInto,
  rawCall,
  validateCall,
  type CallOutcome,
  type CallSink,
  type RawCall,
  type RejectedCall,
} from '../../src/calls/call.validator';
import { DEFAULT_ARGUMENT_LIMITS } from '../../src/calls/argument-limits';
import { ToolRegistry } from '../../src/calls/tool-registry';

@Tool()
class Stop {
  @Field() city!: string;
  @Field({ type: () => Int, minimum: 1 }) nights!: number;
}

enum Priority {
  Low = 1,
  High = 2,
}

@Tool()
class Trip {
  @Field({ type: () => [Stop], minItems: 1 }) stops!: Stop[];
  @Field({ enum: Priority }) priority!: Priority;
  @Field({ optional: true }) note?: string;
}

const options = { limits: DEFAULT_ARGUMENT_LIMITS, wire: { dropNulls: false, enumStrings: false } };
const registry = new ToolRegistry([Trip, Stop]);
const call = (name: string, args: unknown) =>
  validateCall(registry, { index: 0, name, arguments: args }, options);
const failureOf = (o: CallOutcome) => (o.ok ? undefined : o.failure);

describe('validateCall', () => {
  it('builds nested instances and validates them deeply', async () => {
    const outcome = await call('Trip', { stops: [{ city: 'Lisbon', nights: 2 }], priority: 2 });
    expect(outcome.ok).toBe(true);
    const trip = (outcome as { instance: Trip }).instance;
    expect(trip).toBeInstanceOf(Trip);
    expect(trip.stops[0]).toBeInstanceOf(Stop);
  });

  it('flattens nested errors into path: message lines', async () => {
    const outcome = await call('Trip', {
      stops: [
        { city: 'Lisbon', nights: 2 },
        { city: 3, nights: 0.5 },
      ],
      priority: 3,
    });
    expect(failureOf(outcome)).toMatchObject({
      code: 'validation_failed',
      errors: expect.arrayContaining([
        'stops[1].city: city must be a string',
        'stops[1].nights: nights must be an integer number',
        'stops[1].nights: nights must not be less than 1',
        'priority: priority must be one of the following values: 1, 2',
      ]),
    });
  });

  it("does not accept a numeric enum member's name", async () => {
    expect(failureOf(await call('Trip', { stops: [{ city: 'a', nights: 1 }], priority: 'High' }))?.code).toBe(
      'validation_failed',
    );
  });

  it('never converts types implicitly', async () => {
    const outcome = await call('Stop', { city: 'Lisbon', nights: '2' });
    expect(failureOf(outcome)?.errors).toContain('nights: nights must be an integer number');
  });

  it('turns Gemini enum strings back into numbers, and drops strict-mode nulls', async () => {
    const gemini = await validateCall(
      registry,
      { index: 0, name: 'Trip', arguments: { stops: [{ city: 'a', nights: 1 }], priority: '2' } },
      {
        ...options,
        wire: { dropNulls: false, enumStrings: true },
      },
    );
    expect(gemini.ok && (gemini.instance as Trip).priority).toBe(Priority.High);
    const strict = await validateCall(
      registry,
      { index: 0, name: 'Trip', arguments: { stops: [{ city: 'a', nights: 1 }], priority: 1, note: null } },
      {
        ...options,
        wire: { dropNulls: true, enumStrings: false },
      },
    );
    expect(strict.ok).toBe(true);
  });

  it('looks names up safely: __proto__, constructor and toString are unknown tools', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(failureOf(await call(name, {}))).toMatchObject({ code: 'unknown_tool', name });
    }
  });

  it('gives the same key to the same arguments in any key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});

describe('ToolRegistry', () => {
  it('refuses anything but a non-empty array of @Tool classes, and duplicate names', () => {
    expect(() => new ToolRegistry(Trip)).toThrow(/non-empty array of @Tool classes/);
    expect(() => new ToolRegistry([])).toThrow(expect.objectContaining({ code: 'invalid_response_model' }));
    class Plain {}
    expect(() => new ToolRegistry([Plain])).toThrow(expect.objectContaining({ code: 'not_a_tool' }));
    @Tool({ name: 'Trip' })
    class OtherTrip {
      @Field() x!: string;
    }
    expect(() => new ToolRegistry([Trip, OtherTrip])).toThrow(
      expect.objectContaining({ code: 'duplicate_tool_name' }),
    );
  });
});

describe('checkCallInto', () => {
  class Recorder implements CallSink {
    readonly seen: Array<[string, unknown]> = [];
    valid(c: RawCall, instance: object, key: number): void {
      this.seen.push(['valid', { call: c, instance, key }]);
    }
    rejected(outcome: RejectedCall): void {
      this.seen.push(['rejected', outcome]);
    }
  }

  @ValidatorConstraint({ async: true })
  class SlowlyTrue implements ValidatorConstraintInterface {
    validate(value: unknown): Promise<boolean> {
      return Promise.resolve(value === 'yes');
    }
  }

  @Tool()
  class Confirm {
    @Field() @Validate(SlowlyTrue) answer!: string;
  }

  const into = (name: string, args: unknown, sink: CallSink, reg = registry) =>
    checkCallInto(reg, rawCall(3, 'id-3', name, args), options, sink);

  it('hands a valid call to the sink as its parts: the call, the instance and its callHash', () => {
    const sink = new Recorder();
    const args = { stops: [{ city: 'Lisbon', nights: 2 }], priority: 2 };
    expect(into('Trip', JSON.stringify(args), sink)).toBeUndefined();
    expect(sink.seen).toHaveLength(1);
    const [kind, parts] = sink.seen[0] as [string, { call: RawCall; instance: Trip; key: number }];
    expect(kind).toBe('valid');
    expect(parts.call).toEqual({ index: 3, id: 'id-3', name: 'Trip', arguments: JSON.stringify(args) });
    expect(parts.instance).toBeInstanceOf(Trip);
    expect(parts.key).toBe(callHash('Trip', args));
  });

  it('hands unknown tools, unreadable arguments and invalid calls to the sink as the outcome checkCall gives', async () => {
    for (const [name, args] of [
      ['Nope', '{}'],
      ['Trip', '{"stops": ['],
      ['Trip', '{"stops": [], "priority": 9}'],
    ] as const) {
      const sink = new Recorder();
      expect(into(name, args, sink)).toBeUndefined();
      expect(sink.seen).toEqual([
        ['rejected', await validateCall(registry, rawCall(3, 'id-3', name, args), options)],
      ]);
      expect((sink.seen[0][1] as RejectedCall).ok).toBe(false);
    }
  });

  it('returns the promise of the outcome for a call with async rules, and leaves the sink alone', async () => {
    const sink = new Recorder();
    const reg = new ToolRegistry([Confirm]);
    const later = into('Confirm', '{"answer":"yes"}', sink, reg);
    expect(later).toBeInstanceOf(Promise);
    expect(sink.seen).toEqual([]);
    const outcome = await later!;
    expect(outcome.ok && outcome.instance).toBeInstanceOf(Confirm);
    const no = await into('Confirm', '{"answer":"no"}', sink, reg)!;
    expect(no.ok).toBe(false);
    expect(sink.seen).toEqual([]);
  });
});

describe('rawCall', () => {
  it('makes a call with exactly the four fields of RawCall, in their order', () => {
    const c = rawCall(1, undefined, 'Weather', '{}');
    expect(Object.keys(c)).toEqual(['index', 'id', 'name', 'arguments']);
    expect(c).toEqual({ index: 1, id: undefined, name: 'Weather', arguments: '{}' });
  });
});
