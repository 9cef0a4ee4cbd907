import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { anthropicOverheadBench } from './anthropic-overhead.bench';
import { measureHooksTax } from './async-hooks-tax.bench';
import { batchResultsBench } from './batch-results.bench';
import { FINDINGS } from './findings';
import { childMain, textTable, writeResults, type Section } from './harness';
import { memoryBench, measureMemory } from './memory.bench';
import { measurePairOverhead, overheadBench } from './overhead.bench';
import { parallelVsSequentialBench } from './parallel-vs-sequential.bench';
import { responsesOverheadBench } from './responses-overhead.bench';
import { measureSchemaGeneration, schemaGenerationBench } from './schema-generation.bench';
import { streamingBench } from './streaming.bench';
import { measurePerCallCost, validateCallBench } from './validate-call.bench';
import { validatorScalingBench } from './validator-scaling.bench';

/** Scenarios that run in a fresh process (see `inChild`), by name. */
const CHILD_SCENARIOS: Record<string, (input: any) => Promise<unknown>> = {
  'per-call-cost': measurePerCallCost,
  'schema-generation': measureSchemaGeneration,
  memory: measureMemory,
  'async-hooks-tax': measureHooksTax,
  'overhead-pair': measurePairOverhead,
};

/** The benchmarks, in report order. */
const BENCHES: Array<() => Promise<Section>> = [
  parallelVsSequentialBench,
  streamingBench,
  overheadBench,
  validateCallBench,
  validatorScalingBench,
  schemaGenerationBench,
  memoryBench,
  responsesOverheadBench,
  batchResultsBench,
  anthropicOverheadBench,
];

/**
 * `npm run bench`: every benchmark in one run, the table on stdout, bench/RESULTS.md on disk.
 * `node dist-samples/bench/run.js --only 3,5` runs a subset and leaves RESULTS.md alone.
 */
async function main(): Promise<void> {
  const only = process.argv[2] === '--only' ? new Set(process.argv[3]?.split(',').map(Number)) : undefined;
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const sections: Section[] = [];
  for (const [i, bench] of BENCHES.entries()) {
    if (only && !only.has(i + 1)) continue;
    const benchStart = performance.now();
    const section = await bench();
    console.log(`${textTable([section])}
(${((performance.now() - benchStart) / 1000).toFixed(1)} s)\n`);
    sections.push(section);
  }
  const elapsed = performance.now() - started;
  console.log(`All figures (the bench took ${(elapsed / 1000).toFixed(1)} s):\n`);
  console.log(textTable(sections));
  if (only) return;
  const out = path.resolve(__dirname, '../../bench/RESULTS.md');
  writeResults(out, sections, { elapsedMs: elapsed, loadAtStart }, FINDINGS);
  console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
}

const run = process.argv[2] === '--child' ? childMain(CHILD_SCENARIOS) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
