import { plainToInstance } from 'class-transformer';
import {
  IsEnum,
  Validate,
  validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { DEFAULT_ARGUMENT_LIMITS, Field, getValidationContext, Tool } from 'parallel-tools';
import { checkCall, validateCall, type CallOutcome } from '../../src/calls/call.validator';
import { ToolRegistry } from '../../src/calls/tool-registry';
import { contextStorageEntered, isValidatingToolCall } from '../../src/calls/validation-context';

// Runs in file order: the first tests prove that nothing enters AsyncLocalStorage without a context.

enum Priority {
  Low = 1,
  High = 2,
}

const seen: Array<{ where: string; context: unknown; validating: boolean }> = [];

@ValidatorConstraint({ name: 'knownCity' })
class KnownCity implements ValidatorConstraintInterface {
  validate(city: unknown) {
    const context = getValidationContext<{ cities: string[] }>();
    seen.push({ where: 'sync', context, validating: isValidatingToolCall() });
    return context ? context.cities.includes(city as string) : typeof city === 'string';
  }
}

@ValidatorConstraint({ name: 'knownCityLater', async: true })
class KnownCityLater implements ValidatorConstraintInterface {
  async validate(city: unknown) {
    await new Promise((resolve) => setImmediate(resolve));
    const context = getValidationContext<{ cities: string[] }>();
    seen.push({ where: 'after await', context, validating: isValidatingToolCall() });
    return context ? context.cities.includes(city as string) : typeof city === 'string';
  }
}

@Tool()
class Visit {
  @Field({ type: () => String }) @Validate(KnownCity) city!: string;
  @Field({ type: () => String }) @Validate(KnownCityLater) next!: string;
}

@Tool()
class Ticket {
  @IsEnum(Priority) priority!: Priority;
}

@Tool()
class Weather {
  @Field() location!: string;
  @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
}

const registry = new ToolRegistry([Visit, Ticket, Weather]);
const options = { limits: DEFAULT_ARGUMENT_LIMITS, wire: { dropNulls: false, enumStrings: false } };
const run = (name: string, args: unknown, validationContext?: unknown) =>
  validateCall(
    registry,
    { index: 0, name, arguments: JSON.stringify(args) },
    { ...options, validationContext },
  );
const errorsOf = (o: CallOutcome) => (o.ok ? [] : (o.failure.errors ?? [o.failure.message]));

describe('validation without a context', () => {
  it('validates fast, full, invalid, custom and async calls without entering AsyncLocalStorage', async () => {
    expect((await run('Weather', { location: 'Oslo', units: 'metric' })).ok).toBe(true);
    expect(errorsOf(await run('Weather', { location: 3, units: 'kelvin' }))).toEqual([
      'location: location must be a string',
      'units: units must be one of the following values: imperial, metric',
    ]);
    seen.length = 0;
    expect((await run('Visit', { city: 'Lisbon', next: 'Porto' })).ok).toBe(true);
    expect(errorsOf(await run('Visit', { city: 1, next: 2 })).length).toBeGreaterThan(0);
    // Custom validators still know a tool call is being validated, and see no context.
    expect(seen.filter((s) => s.where === 'sync').every((s) => s.context === undefined && s.validating)).toBe(
      true,
    );
    expect(seen.filter((s) => s.where === 'after await').every((s) => s.context === undefined)).toBe(true);
    expect(seen.map((s) => s.where)).toEqual(['sync', 'after await', 'sync', 'after await']);
    expect(contextStorageEntered()).toBe(false);
  });

  it("refuses a numeric enum's member name during tool-call validation only, without AsyncLocalStorage", async () => {
    expect(errorsOf(await run('Ticket', { priority: 'High' }))).toEqual([
      'priority: priority must be one of the following values: 1, 2',
    ]);
    expect((await run('Ticket', { priority: 2 })).ok).toBe(true);
    // Outside a tool call (a NestJS pipe, the app's own validate) class-validator's IsEnum is left as is.
    expect(await validate(plainToInstance(Ticket, { priority: 'High' }))).toEqual([]);
    expect(isValidatingToolCall()).toBe(false);
    expect(contextStorageEntered()).toBe(false);
  });

  it('settles synchronously through checkCall when no rule is async', () => {
    const outcome = checkCall(
      registry,
      { index: 0, name: 'Ticket', arguments: '{"priority":"High"}' },
      options,
    );
    expect(outcome).not.toBeInstanceOf(Promise);
    expect(errorsOf(outcome as CallOutcome)).toEqual([
      'priority: priority must be one of the following values: 1, 2',
    ]);
  });
});

describe('validation with a context', () => {
  it('hands the context to custom validators, synchronous and after an await', async () => {
    seen.length = 0;
    const context = { cities: ['Lisbon', 'Porto'] };
    expect((await run('Visit', { city: 'Lisbon', next: 'Porto' }, context)).ok).toBe(true);
    const refused = errorsOf(await run('Visit', { city: 'Paris', next: 'Rome' }, context));
    expect(refused.map((line) => line.split(':')[0])).toEqual(['city', 'next']);
    expect(seen.length).toBe(4);
    expect(seen.every((s) => s.context === context && s.validating)).toBe(true);
    expect(contextStorageEntered()).toBe(true);
    expect(getValidationContext()).toBeUndefined();
  });

  it('an extraction run inside a custom validator does not see the outer context', async () => {
    let inner: unknown = 'unset';
    @ValidatorConstraint({ name: 'runsInner', async: true })
    class RunsInner implements ValidatorConstraintInterface {
      async validate() {
        await run('Visit', { city: 'Oslo', next: 'Bergen' });
        inner = seen[seen.length - 1].context;
        return true;
      }
    }
    @Tool()
    class Outer {
      @Field({ type: () => String }) @Validate(RunsInner) anything!: string;
    }
    const outerRegistry = new ToolRegistry([Outer]);
    const outcome = await validateCall(
      outerRegistry,
      { index: 0, name: 'Outer', arguments: '{"anything":"x"}' },
      { ...options, validationContext: { cities: [] } },
    );
    expect(outcome.ok).toBe(true);
    expect(inner).toBeUndefined();
  });
});
