import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { RawCall } from 'parallel-tools';
import { atMost, inChild, microPerOp, ratio, type Section } from './harness';
import { loadCallsLayer } from './library-internals';
import { defineValidatorClasses, Weather } from './tools';

/** Microseconds per call of each way to read one call's arguments. */
export interface PerCallCost {
  jsonParseUs: number;
  validateCallUs: number;
  /** `checkCall`: the same work, the outcome returned without a promise when nothing async ran. */
  checkCallUs: number;
  /** class-validator's own `validate` on a ready instance: what the library used to pay at least. */
  bareValidateUs: number;
}

const ARGS = JSON.stringify({ location: 'Toronto', units: 'metric' });

/** What a per-call-cost child sets up before measuring. */
export interface PerCallInput {
  otherClasses: number;
  batches?: number;
  perBatch?: number;
}

/**
 * Child scenario: registers `otherClasses` unrelated class-validator DTOs, then times, per call,
 * `JSON.parse` of a Weather call's arguments against `validateCall` (parse, instantiate, validate)
 * on the same arguments.
 */
export async function measurePerCallCost(input: PerCallInput): Promise<PerCallCost> {
  defineValidatorClasses(input.otherClasses);
  const { ToolRegistry, check, checkSync } = loadCallsLayer();
  const registry = new ToolRegistry([Weather]);
  const call: RawCall = { index: 0, id: 'call_1', name: 'Weather', arguments: ARGS };
  const outcome = await check(registry, call);
  if (!outcome.ok) throw new Error(`bench call is invalid: ${outcome.failure.message}`);
  const instance = plainToInstance(Weather, JSON.parse(ARGS));

  const us = await microPerOp(
    {
      jsonParse: () => JSON.parse(ARGS),
      validateCall: () => check(registry, call),
      checkCall: () => checkSync(registry, call),
      bareValidate: () =>
        validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    },
    { batches: input.batches ?? 21, perBatch: input.perBatch ?? 2000 },
  );
  return {
    jsonParseUs: us.jsonParse,
    validateCallUs: us.validateCall,
    checkCallUs: us.checkCall,
    bareValidateUs: us.bareValidate,
  };
}

/** Benchmark 4: what turning one call into a validated instance costs next to `JSON.parse`. */
export async function validateCallBench(): Promise<Section> {
  const cost = await inChild<PerCallCost>('per-call-cost', { otherClasses: 0 } satisfies PerCallInput);
  return {
    title: '4. validateCall vs JSON.parse',
    setup:
      'One Weather call (`{"location":"Toronto","units":"metric"}`), in a fresh process: `validateCall` (size/depth checks, ' +
      'JSON.parse, instance, class-validator rules with whitelist/forbidNonWhitelisted, duplicate key) against bare `JSON.parse` ' +
      'of the same string; 21 interleaved batches of 2,000 calls, median batch average. A valid call of a class whose rules ' +
      'are all built-ins takes the compiled fast path (src/calls/fast-path.ts): the instance is built as plainToInstance ' +
      "would and checked with the class's own constraint objects; anything else, and every invalid call, goes through " +
      "class-transformer and class-validator's executor. `checkCall` is the same function without the promise (the bench " +
      'awaits only thenables): what the run loop pays once it calls it.',
    figures: [
      { name: 'JSON.parse per call', value: cost.jsonParseUs, unit: 'µs' },
      { name: 'validateCall per call', value: cost.validateCallUs, unit: 'µs' },
      { name: 'checkCall per call', value: cost.checkCallUs, unit: 'µs' },
      {
        name: 'class-validator validate() alone, on a ready instance',
        value: cost.bareValidateUs,
        unit: 'µs',
      },
      {
        name: 'validateCall / JSON.parse',
        value: ratio(cost.validateCallUs, cost.jsonParseUs),
        unit: 'x',
        target: atMost(4),
      },
      { name: 'checkCall / JSON.parse', value: ratio(cost.checkCallUs, cost.jsonParseUs), unit: 'x' },
    ],
  };
}
