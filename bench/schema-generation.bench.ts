import { toOpenAITool } from 'parallel-tools';
import { inChild, median, microPerOp, type Section } from './harness';
import { defineToolClasses } from './tools';

const CLASSES = 100;
const ROUNDS = 3;

interface SchemaTimes {
  defineMs: number;
  coldMs: number;
  cachedUs: number;
}

/**
 * Child scenario: declares 100 `@Tool` classes of five `@Field`s at run time, then times their
 * OpenAI tool definitions the first time (metadata read, neutral schema, limits, dialect) and
 * once cached.
 */
export async function measureSchemaGeneration(): Promise<SchemaTimes> {
  let start = performance.now();
  const classes = defineToolClasses(CLASSES);
  const defineMs = performance.now() - start;
  // Synchronously, before @Tool's deferred priming runs: this is the first use, cold.
  start = performance.now();
  for (const cls of classes) toOpenAITool(cls);
  const coldMs = performance.now() - start;
  const { lookup } = await microPerOp(
    { lookup: () => classes.forEach((cls) => toOpenAITool(cls)) },
    { batches: 11, perBatch: 200 },
  );
  return { defineMs, coldMs, cachedUs: lookup };
}

/** Benchmark 6: schema generation for 100 tool classes, cold and cached. */
export async function schemaGenerationBench(): Promise<Section> {
  const runs: SchemaTimes[] = [];
  for (let round = 0; round < ROUNDS; round++)
    runs.push(await inChild<SchemaTimes>('schema-generation', null));
  const pick = (key: keyof SchemaTimes) => median(runs.map((r) => r[key]));
  return {
    title: `6. Schema generation, ${CLASSES} tools`,
    setup:
      `${CLASSES} \`@Tool\` classes declared at run time (decorators applied by hand with \`design:type\` metadata, as tsc ` +
      'emits it), five `@Field`s each (string with length bounds, integer with bounds, enum, optional nullable string, ' +
      'string array). Cold: `toOpenAITool` on each class the first time, in a fresh process (reads the metadata, installs ' +
      'the validators, builds and checks the schema). Cached: the same 100 lookups again, median of 11 batches. ' +
      `${ROUNDS} fresh processes, medians.`,
    figures: [
      { name: `declare ${CLASSES} classes (decorators)`, value: pick('defineMs'), unit: 'ms' },
      { name: `cold, all ${CLASSES} classes`, value: pick('coldMs'), unit: 'ms' },
      { name: 'cold, per class', value: (pick('coldMs') * 1000) / CLASSES, unit: 'µs' },
      { name: `cached, all ${CLASSES} classes`, value: pick('cachedUs'), unit: 'µs' },
      { name: 'cached, per class', value: pick('cachedUs') / CLASSES, unit: 'µs' },
    ],
  };
}
