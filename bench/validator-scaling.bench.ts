import { atMost, inChild, median, ratio, type Section } from './harness';
import type { PerCallCost, PerCallInput } from './validate-call.bench';

const ROUNDS = 5;
const CONFIGS = {
  few: { otherClasses: 10 },
  many: { otherClasses: 1000 },
  huge: { otherClasses: 5000 },
} satisfies Record<string, PerCallInput>;

/**
 * Benchmark 5: does validation slow down as the app registers more class-validator classes?
 * Each configuration runs in its own fresh process (the store only grows), in alternating rounds.
 */
export async function validatorScalingBench(): Promise<Section> {
  const runs: Record<keyof typeof CONFIGS, PerCallCost[]> = { few: [], many: [], huge: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, config] of Object.entries(CONFIGS) as Array<[keyof typeof CONFIGS, PerCallInput]>) {
      runs[name].push(
        await inChild<PerCallCost>('per-call-cost', { ...config, batches: 11, perBatch: 1000 }),
      );
    }
  }
  const us = (name: keyof typeof CONFIGS, key: keyof PerCallCost = 'validateCallUs') =>
    median(runs[name].map((c) => c[key]));
  return {
    title: '5. Validation vs registered classes',
    setup:
      'validateCall on one Weather call with 10, 1,000 and 5,000 other class-validator DTOs (3 properties, 5 decorators ' +
      `each, applied at run time) registered in the process; each configuration in a fresh process, ${ROUNDS} alternating ` +
      'rounds of 11 batches of 1,000 calls, median of the per-round medians. class-validator 0.15 keys its store by class, ' +
      'but `getTargetValidationMetadatas` walks every registered class (`prototype instanceof`) on each validate() and on ' +
      "each nested object. The library now runs class-validator's executor over a read-through cache of that lookup " +
      '(src/calls/validator-metadata.cache.ts; the global store is not patched), rechecked per use in O(inheritance depth), ' +
      "and the fast path reads the same cache. The last rows time class-validator's own validate() in the same processes.",
    figures: [
      { name: 'validateCall, 10 other classes', value: us('few'), unit: 'µs' },
      { name: 'validateCall, 1,000 other classes', value: us('many'), unit: 'µs' },
      { name: 'validateCall, 5,000 other classes', value: us('huge'), unit: 'µs' },
      { name: '1,000 / 10 classes', value: ratio(us('many'), us('few')), unit: 'x', target: atMost(1.2) },
      { name: '5,000 / 10 classes', value: ratio(us('huge'), us('few')), unit: 'x', target: atMost(1.3) },
      {
        name: 'class-validator validate() alone, 10 classes',
        value: us('few', 'bareValidateUs'),
        unit: 'µs',
      },
      {
        name: 'class-validator validate() alone, 1,000 classes',
        value: us('many', 'bareValidateUs'),
        unit: 'µs',
      },
      {
        name: 'class-validator validate() alone, 5,000 classes',
        value: us('huge', 'bareValidateUs'),
        unit: 'µs',
      },
    ],
  };
}
