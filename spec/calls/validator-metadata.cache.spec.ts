import { Transform } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, MaxLength, MetadataStorage, Min } from 'class-validator';
import { PartialType } from '@nestjs/mapped-types';
import { DEFAULT_ARGUMENT_LIMITS, Field, getToolDefinition, Tool, type ClassType } from 'parallel-tools';
import { checkCall, type CallOutcome } from '../../src/calls/call.validator';
import { fastPlanFor } from '../../src/calls/fast-path';
import { ToolRegistry } from '../../src/calls/tool-registry';
import { validatorMetadataCache } from '../../src/calls/validator-metadata.cache';

const options = { limits: DEFAULT_ARGUMENT_LIMITS, wire: { dropNulls: false, enumStrings: false } };
const check = async (target: ClassType, args: object): Promise<CallOutcome> =>
  checkCall(
    new ToolRegistry([target]),
    { index: 0, name: getToolDefinition(target).name, arguments: JSON.stringify(args) },
    options,
  );
const errorsOf = (o: CallOutcome) => (o.ok ? [] : (o.failure.errors ?? [o.failure.message]));
const store = () => getMetadataStorage();

describe('the cached view of class-validator metadata', () => {
  class Animal {
    @IsString() name!: string;
  }
  class Dog extends Animal {
    @IsInt() @Min(0) age!: number;
  }
  class Puppy extends Dog {
    @IsString() @MaxLength(3) nickname!: string;
  }
  // A rule of the same type as an inherited one hides it (class-validator's own lookup rule).
  IsString({ message: 'puppies need names' })(Puppy.prototype, 'name');
  class PartialDog extends PartialType(Dog) {}

  it('answers exactly what class-validator answers, rule for rule, for classes and their ancestors', () => {
    for (const target of [Animal, Dog, Puppy, PartialDog, Object]) {
      const want = store().getTargetValidationMetadatas(target, '', false, false);
      const got = validatorMetadataCache.getTargetValidationMetadatas(target, undefined, false, false);
      expect(got.length).toBe(want.length);
      expect(got.every((m, i) => m === want[i])).toBe(true);
      expect(validatorMetadataCache.groupByPropertyName(got)).toEqual(store().groupByPropertyName(want));
    }
  });

  it('leaves the global store as it is: no method replaced, no rule added', () => {
    const before = (store() as unknown as { validationMetadatas: Map<unknown, unknown[]> })
      .validationMetadatas;
    const sizes = [...before.values()].map((rules) => rules.length);
    validatorMetadataCache.rulesOf(Puppy);
    for (const method of ['getTargetValidationMetadatas', 'groupByPropertyName', 'addValidationMetadata'])
      expect(Object.prototype.hasOwnProperty.call(store(), method)).toBe(false);
    expect(store().getTargetValidationMetadatas).toBe(MetadataStorage.prototype.getTargetValidationMetadatas);
    expect([...before.values()].map((rules) => rules.length)).toEqual(sizes);
  });
});

describe('rules registered after first use', () => {
  it('a new rule on a validated class applies to the next call (fast path recompiled)', async () => {
    @Tool()
    class Label {
      @Field() text!: string;
    }
    expect((await check(Label, { text: 'abcdef' })).ok).toBe(true);
    const plan = fastPlanFor(Label);
    expect(plan).not.toBeNull();
    MaxLength(3)(Label.prototype, 'text');
    expect(errorsOf(await check(Label, { text: 'abcdef' }))).toEqual([
      'text: text must be shorter than or equal to 3 characters',
    ]);
    expect(fastPlanFor(Label)).not.toBe(plan);
    expect((await check(Label, { text: 'abc' })).ok).toBe(true);
  });

  it('a first rule on an ancestor that had none reaches the subclass', async () => {
    class Plain {}
    @Tool()
    class Child extends Plain {
      @Field() a!: string;
    }
    expect((await check(Child, { a: 'x' })).ok).toBe(true);
    IsInt()(Plain.prototype, 'count');
    expect(errorsOf(await check(Child, { a: 'x' }))).toEqual(['count: count must be an integer number']);
    expect((await check(Child, { a: 'x', count: 2 })).ok).toBe(true);
  });

  it('one more rule on an ancestor that had rules reaches the subclass', async () => {
    class Parent {
      @IsString() name!: string;
    }
    @Tool()
    class Kid extends Parent {
      @Field() b!: string;
    }
    expect((await check(Kid, { name: 'long name', b: 'y' })).ok).toBe(true);
    MaxLength(4)(Parent.prototype, 'name');
    expect(errorsOf(await check(Kid, { name: 'long name', b: 'y' }))).toEqual([
      'name: name must be shorter than or equal to 4 characters',
    ]);
  });

  it('classes declared after first use are validated, and leave the cached ones correct', async () => {
    @Tool()
    class Early {
      @Field() q!: string;
    }
    expect((await check(Early, { q: 'x' })).ok).toBe(true);
    const late = Array.from({ length: 50 }, (_, i) => {
      @Tool({ name: `Late${i}` })
      class Late {
        @Field({ minimum: i }) n!: number;
      }
      return Late;
    });
    expect((await check(late[49], { n: 49 })).ok).toBe(true);
    expect(errorsOf(await check(late[49], { n: 1 }))).toEqual(['n: n must not be less than 49']);
    expect(errorsOf(await check(Early, { q: 1 }))).toEqual(['q: q must be a string']);
  });

  it('class-transformer metadata added later takes the class off the fast path', async () => {
    @Tool()
    class Shout {
      @Field() word!: string;
    }
    expect((await check(Shout, { word: 'hi' })).ok).toBe(true);
    expect(fastPlanFor(Shout)).not.toBeNull();
    Transform(({ value }) => String(value).toUpperCase())(Shout.prototype, 'word');
    const outcome = await check(Shout, { word: 'hi' });
    expect(fastPlanFor(Shout)).toBeNull();
    expect(outcome.ok && (outcome.instance as Shout).word).toBe('HI');
  });
});

describe('on a class-validator version that was not tested', () => {
  it('validates through the public validate(), with the same results and one warning', async () => {
    const warnings: unknown[] = [];
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation((w) => void warnings.push(w));
    try {
      await jest.isolateModulesAsync(async () => {
        jest.doMock('class-validator/package.json', () => ({ version: '0.99.0' }));
        // Fresh copies of the library, which read the (simulated) installed version on first use.
        const lib = require('parallel-tools') as typeof import('parallel-tools');
        const calls =
          require('../../src/calls/call.validator') as typeof import('../../src/calls/call.validator');
        const { ToolRegistry: Registry } =
          require('../../src/calls/tool-registry') as typeof import('../../src/calls/tool-registry');
        const { fastPlanFor: planFor } =
          require('../../src/calls/fast-path') as typeof import('../../src/calls/fast-path');
        @lib.Tool()
        class Forecast {
          @lib.Field() city!: string;
          @lib.Field({ minimum: 1 }) days!: number;
        }
        const registry = new Registry([Forecast]);
        const run = (args: object) =>
          calls.validateCall(
            registry,
            { index: 0, name: 'Forecast', arguments: JSON.stringify(args) },
            options,
          );
        const ok = await run({ city: 'Oslo', days: 2 });
        expect(ok.ok && ok.instance).toBeInstanceOf(Forecast);
        expect(errorsOf(await run({ city: 3, days: 0 }))).toEqual([
          'city: city must be a string',
          'days: days must not be less than 1',
        ]);
        expect(planFor(Forecast)).toBeNull();
      });
    } finally {
      emit.mockRestore();
    }
    expect(warnings).toEqual([
      expect.stringContaining('class-validator 0.99.0 is not a version parallel-tools was tested with'),
    ]);
  });
});
