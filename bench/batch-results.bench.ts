import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import { openAIToolCallsCompletion } from 'parallel-tools/testing';
import { atMost, median, type Section } from './harness';
import { GoogleSearch, mixedCalls, Weather } from './tools';

const LINES = 100_000;
const MB = 1024 * 1024;

type Variant = 'baseline' | 'ours';
interface ReadRun {
  lines: number;
  valid: number;
  ms: number;
  /** Peak heap used over the heap after a full GC before reading. */
  peakHeap: number;
  /** Live heap (after a full GC) over that baseline, every 10,000 lines. */
  live: number[];
}

/** A results file like OpenAI's output file: one chat completion with two calls per line. */
async function writeResults(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    const body = openAIToolCallsCompletion(mixedCalls(2).map((c, k) => ({ ...c, id: `call_${i}_${k}` })));
    const line = JSON.stringify({
      id: `batch_req_${i}`,
      custom_id: `doc-${i}`,
      response: { status_code: 200, body },
      error: null,
    });
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Child side (`--expose-gc`): reads the file once, the plain way or through `readResults`. */
async function readOnce(file: string, variant: Variant): Promise<ReadRun> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 5);
  const live: number[] = [];
  const mark = () => {
    if (lines % 1000 !== 0) return;
    sample();
    if (lines % 10_000 !== 0) return;
    gc();
    live.push(process.memoryUsage().heapUsed - base);
  };
  let lines = 0;
  let valid = 0;
  const start = performance.now();
  if (variant === 'baseline') {
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      const value = JSON.parse(text);
      lines++;
      if (value.response.status_code === 200)
        valid += value.response.body.choices[0].message.tool_calls.length;
      if (lines % 1000 === 0) sample();
    }
  } else {
    const batches = fromOpenAI(new OpenAI({ apiKey: 'bench', baseURL: 'http://127.0.0.1:9/v1' })).batches;
    const results = batches.readResults(createReadStream(file), { responseModel: [Weather, GoogleSearch] });
    for await (const outcome of results) {
      lines++;
      if (outcome.ok) valid += outcome.data.length;
      mark();
    }
  }
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  return { lines, valid, ms, peakHeap: peak - base, live };
}

function inChild(file: string, variant: Variant): Promise<ReadRun> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--batch-results-child', file, variant], { execArgv: ['--expose-gc'] });
    child.once('message', (m) => resolve(m as ReadRun));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`batch-results child exited with ${code}`)));
  });
}

/**
 * Benchmark: judging a 100,000-line batch results file (two calls a line) through
 * `batches.readResults`, against plain line splitting + JSON.parse in the same run; the live heap
 * every 10,000 lines shows that memory does not grow with the file.
 */
export async function batchResultsBench(): Promise<Section> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pt-batch-bench-'));
  const big = path.join(dir, 'results-100k.jsonl');
  try {
    await writeResults(big, LINES);
    const runs: Record<Variant, ReadRun[]> = { baseline: [], ours: [] };
    for (let round = 0; round < 3; round++) {
      runs.baseline.push(await inChild(big, 'baseline'));
      runs.ours.push(await inChild(big, 'ours'));
    }
    for (const run of [...runs.baseline, ...runs.ours]) {
      if (run.lines !== LINES || run.valid !== 2 * LINES)
        throw new Error(`batch bench read ${run.lines} lines, ${run.valid} calls`);
    }
    const per10k = (rs: ReadRun[]) => median(rs.map((r) => (r.ms * 10_000) / r.lines));
    const heap = (rs: ReadRun[]) => median(rs.map((r) => r.peakHeap / MB));
    const liveAt = (rs: ReadRun[], i: number) => median(rs.map((r) => r.live.at(i)! / MB));
    const oursMs = per10k(runs.ours);
    const baseMs = per10k(runs.baseline);
    return {
      title: '8. Batch results, 100,000 lines',
      setup:
        'A 100,000-line OpenAI batch output file on disk (each line a chat completion with one Weather and one GoogleSearch call), ' +
        'read in a fresh child with --expose-gc after a full GC: plain `readline` + JSON.parse per line (baseline), or ' +
        '`fromOpenAI(client).batches.readResults(createReadStream(file), { responseModel })`, which parses, reads and validates ' +
        'every call. Medians of 3 interleaved runs. Peak heap over the post-GC heap, sampled every 5 ms and every 1,000 lines ' +
        '(it includes garbage not yet collected); live heap: after a full GC every 10,000 lines, which stays flat when memory ' +
        'is bounded.',
      figures: [
        { name: 'baseline: time per 10,000 lines', value: baseMs, unit: 'ms' },
        {
          name: 'readResults: time per 10,000 lines',
          value: oursMs,
          unit: 'ms',
          note: `${(oursMs / baseMs).toFixed(1)}× the baseline`,
        },
        { name: 'baseline: peak heap', value: heap(runs.baseline), unit: 'MB' },
        { name: 'readResults: peak heap', value: heap(runs.ours), unit: 'MB' },
        { name: 'readResults: live heap after GC at 10,000 lines', value: liveAt(runs.ours, 0), unit: 'MB' },
        {
          name: 'readResults: live heap after GC at 100,000 lines',
          value: liveAt(runs.ours, -1),
          unit: 'MB',
        },
        {
          name: 'readResults: live heap at 100,000 / at 10,000 lines',
          value: liveAt(runs.ours, -1) / liveAt(runs.ours, 0),
          unit: 'x',
          target: atMost(1.5, '≤ 1.5× (bounded)'),
        },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--batch-results-child') {
  readOnce(process.argv[3], process.argv[4] as Variant)
    .then((run) => new Promise<void>((resolve) => process.send!(run, () => resolve())))
    .then(() => process.disconnect())
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
