import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

/** Units the table knows how to print. */
export type Unit = 'ms' | 'µs' | 'MB' | 'x' | 'count';

/** A figure's target: met when the value is at most `max`. */
export interface Target {
  max: number;
  /** How the target reads in the table, e.g. `≤ 1.1/N = 0.55`. */
  label: string;
}

/** One measured (or derived) number of a benchmark. */
export interface Figure {
  name: string;
  value: number;
  unit: Unit;
  target?: Target;
  /** Context printed next to the value (e.g. the raw times behind a ratio). */
  note?: string;
}

/** The figures of one benchmark, with a sentence on how they were measured. */
export interface Section {
  title: string;
  setup: string;
  figures: Figure[];
}

/** The median of the samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `a / b`: every ratio of the report is one of two medians from the same run. */
export function ratio(a: number, b: number): number {
  return a / b;
}

/**
 * Median milliseconds per request of each variant: `warmup` then `rounds` rounds, each round one
 * run of every variant in rotating order (so that drift spreads over all of them); `afterRound`
 * runs between rounds (e.g. to clear a server's request log).
 */
export async function interleavedMedians<N extends string>(
  variants: Record<N, () => Promise<unknown>>,
  opts: { warmup: number; rounds: number; afterRound?: () => void },
): Promise<Record<N, number>> {
  const names = Object.keys(variants) as N[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<N, number[]>;
  for (let round = -opts.warmup; round < opts.rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + opts.warmup + k) % names.length];
      const start = performance.now();
      await variants[name]();
      if (round >= 0) samples[name].push(performance.now() - start);
    }
    opts.afterRound?.();
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<N, number>;
}

/**
 * Microseconds per operation: `batches` batches of `perBatch` calls, the median batch average.
 * Variants given together run interleaved batch by batch, in rotating order, so that drift (JIT,
 * GC, CPU clock) spreads over all of them.
 */
export async function microPerOp(
  variants: Record<string, () => unknown>,
  opts: { batches: number; perBatch: number; warmup?: number },
): Promise<Record<string, number>> {
  const names = Object.keys(variants);
  for (const name of names) for (let i = 0; i < (opts.warmup ?? opts.perBatch); i++) await variants[name]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let b = 0; b < opts.batches; b++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(b + k) % names.length];
      const fn = variants[name];
      const start = performance.now();
      for (let i = 0; i < opts.perBatch; i++) {
        // Await only what is async: an await on a plain value would bill JSON.parse for a tick.
        const out = fn() as Promise<unknown> | undefined;
        if (typeof out?.then === 'function') await out;
      }
      samples[name].push(((performance.now() - start) * 1000) / opts.perBatch);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

/** A figure with a `≤ max` target. */
export function atMost(max: number, label = `≤ ${fmt(max, 'x')}`): Target {
  return { max, label };
}

/** Whether a figure meets its target (undefined without one). */
function isMet(figure: Figure): boolean | undefined {
  return figure.target ? figure.value <= figure.target.max : undefined;
}

/** A number in its unit, with as many digits as its size deserves. */
function fmt(value: number, unit: Unit): string {
  if (unit === 'count') return Math.round(value).toLocaleString('en-US');
  const abs = Math.abs(value);
  const digits = unit === 'x' ? (abs < 10 ? 3 : 2) : abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit === 'x' ? `${text}×` : `${text} ${unit}`;
}

const HEADER = ['Benchmark', 'Figure', 'Value', 'Target', 'Status'];

function rows(sections: Section[]): string[][] {
  return sections.flatMap((s) =>
    s.figures.map((f, i) => {
      const met = isMet(f);
      const value = fmt(f.value, f.unit) + (f.note ? ` (${f.note})` : '');
      const status = met === undefined ? '' : met ? 'met' : 'MISSED';
      return [i === 0 ? s.title : '', f.name, value, f.target?.label ?? '', status];
    }),
  );
}

/** The results as a fixed-width text table for the terminal. */
export function textTable(sections: Section[]): string {
  const all = [HEADER, ...rows(sections)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => [...r[c]].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join('  ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows(sections).map(line)].join('\n');
}

/** The machine the figures come from, as `os` reports it. */
function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: cpus[0]?.model.trim() ?? 'unknown',
    Cores: String(cpus.length),
    Memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
    Date: new Date().toISOString(),
  };
}

/** Writes the report: machine, setups, every figure with its target and whether it was met. */
export function writeResults(
  path: string,
  sections: Section[],
  run: { elapsedMs: number; loadAtStart: number },
  appendix: string[] = [],
): void {
  const md: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Do not edit by hand.',
    '',
  ];
  md.push('| Machine | |', '| --- | --- |');
  for (const [k, v] of Object.entries(machine())) md.push(`| ${k} | ${v} |`);
  // Other work on the machine inflates absolute times; the ratios compare variants run side by side.
  const load = `${run.loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`;
  md.push(
    `| Load average (1 min) | ${load} |`,
    `| Bench wall time | ${(run.elapsedMs / 1000).toFixed(1)} s |`,
    '',
  );
  md.push('| Benchmark | Figure | Value | Target | Status |', '| --- | --- | --- | --- | --- |');
  for (const r of rows(sections)) md.push(`| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  md.push('', '## How each figure was measured', '');
  for (const s of sections) md.push(`- **${s.title}**: ${s.setup}`);
  const missed = sections.flatMap((s) =>
    s.figures.filter((f) => isMet(f) === false).map((f) => `${s.title}: ${f.name}`),
  );
  md.push('', `Targets met: ${countTargets(sections) - missed.length} of ${countTargets(sections)}.`);
  if (missed.length > 0) md.push('', 'Missed:', '', ...missed.map((m) => `- ${m}`));
  if (appendix.length > 0) md.push('', ...appendix);
  writeFileSync(path, md.join('\n') + '\n');
}

function countTargets(sections: Section[]): number {
  return sections.reduce((n, s) => n + s.figures.filter((f) => f.target).length, 0);
}

/**
 * Runs one scenario of bench/run.js in a fresh Node process and returns what it sends back: a
 * clean class-validator store and heap for measurements that the rest of the bench would skew.
 */
export function inChild<T>(scenario: string, input: unknown, execArgv: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(require.main!.filename, ['--child', scenario, JSON.stringify(input ?? null)], {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (m) => (result = m as typeof result));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else
        reject(new Error(`bench child "${scenario}" failed (exit ${code}): ${result?.error ?? 'no result'}`));
    });
  });
}

/** The child side of {@link inChild}: runs the scenario and sends its result to the parent. */
export async function childMain(scenarios: Record<string, (input: any) => Promise<unknown>>): Promise<void> {
  const [, , , name, input] = process.argv;
  const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  try {
    const scenario = scenarios[name];
    if (!scenario) throw new Error(`unknown bench scenario ${name}`);
    await send({ ok: true, value: await scenario(JSON.parse(input)) });
  } catch (error) {
    await send({ ok: false, error: (error as Error).stack ?? String(error) });
  }
  process.disconnect();
}
