import 'reflect-metadata';
import { outcomeLabel, problems } from './soak/check';
import { expectedOutcome, FAULT_KINDS, planFor, type Plan } from './soak/plan';
import { ensureGc, mib, openSockets, settledHeap, socketsSettle } from './soak/resources';
import { Slot, type Outcome } from './soak/slot';

/**
 * `npm run soak`: a bounded load and fault test on loopback. 2,000 extractions, 50 at a time,
 * through the real OpenAI, Google Gen AI and Vertex AI SDKs against local servers, one in ten with
 * an injected fault. Every extraction must end in exactly the outcome its plan allows; afterwards
 * no rejection went unhandled, the heap is back to its level and every socket is closed. Prints
 * its counts and exits non-zero if any check fails.
 */

const EXTRACTIONS = Number(process.env.SOAK_EXTRACTIONS ?? 2000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 50);
const SEED = Number(process.env.SOAK_SEED ?? 7);
/** Extractions run first (not counted) so that lazy loading and JIT do not count as growth. */
const WARMUP = 1000;
/** How much the settled heap may grow over the run: pools, caches and JIT code settling. */
const HEAP_TOLERANCE = 4 * 1024 * 1024;
/**
 * How much it may grow over the second half (1,000 extractions): 1 KB each. Without a leak the
 * second half grows 0 to 0.5 MiB (connection pools and JIT settling).
 */
const SECOND_HALF_TOLERANCE = 1024 * 1024;
/** Stops the soak whatever happens. */
const DEADLINE_MS = Number(process.env.SOAK_DEADLINE_MS ?? 180_000);

let unhandled = 0;
/** Every extraction that did not end as planned (warm-up included), described. */
const failures: string[] = [];
/** What each slot is running, to name what is stuck if the deadline passes. */
const inFlight = new Map<number, { plan: Plan; since: number }>();
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('unhandled rejection:', reason);
});

interface Tally {
  faults: Map<string, number>;
  outcomes: Map<string, number>;
  providers: Map<string, number>;
}

/** Runs extractions `from..count-1` of `seed` over the slots, each slot one at a time, checking each. */
async function runAll(slots: Slot[], count: number, seed: number, tally: Tally, from = 0): Promise<void> {
  let next = from;
  const worker = async (at: number) => {
    for (let id = next++; id < count; id = next++) {
      const plan = planFor(id, seed);
      inFlight.set(at, { plan, since: performance.now() });
      const seen = await slots[at].run(plan);
      inFlight.delete(at);
      const found = problems(seen.outcome, expectedOutcome(plan), seen);
      record(tally, plan, seen.outcome, found);
      // A request the SDK gave up on before its server saw it leaves its reply queued (or reaches
      // the server later): a new slot keeps that from meeting the next plan.
      if (seen.pending > 0 || found.length > 0) slots[at] = await slots[at].renew();
    }
  };
  await Promise.all(slots.map((_, at) => worker(at)));
}

function record(tally: Tally, plan: Plan, outcome: Outcome, found: string[]): void {
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  add(tally.faults, plan.fault ?? 'none');
  add(tally.outcomes, outcomeLabel(outcome));
  add(tally.providers, `${plan.provider}/${plan.transport}`);
  if (found.length > 0) failures.push(`${describePlan(plan)}: ${found.join('; ')}`);
}

function describePlan(plan: Plan): string {
  return `#${plan.id} ${plan.provider}/${plan.transport} ${plan.fault ?? 'no fault'}`;
}

const newTally = (): Tally => ({ faults: new Map(), outcomes: new Map(), providers: new Map() });
const lines = (map: Map<string, number>) =>
  [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `    ${k.padEnd(36)} ${v}`);

async function main(): Promise<void> {
  ensureGc();
  const watchdog = setTimeout(() => {
    console.error(`soak: still running after ${DEADLINE_MS / 1000} s, stopping; in flight:`);
    for (const failed of failures.slice(0, 10)) console.error(`  earlier: ${failed}`);
    for (const { plan, since } of inFlight.values()) {
      console.error(`  ${describePlan(plan)} for ${((performance.now() - since) / 1000).toFixed(1)} s`);
    }
    process.exit(2);
  }, DEADLINE_MS);
  watchdog.unref();

  const socketsAtStart = openSockets();
  const slots = await Promise.all(Array.from({ length: CONCURRENCY }, () => Slot.start()));
  await runAll(slots, WARMUP, SEED + 1, newTally());

  const heapBefore = await settledHeap();
  let peakSockets = openSockets();
  const sampler = setInterval(() => (peakSockets = Math.max(peakSockets, openSockets())), 20);
  const tally = newTally();
  const started = performance.now();
  const half = Math.floor(EXTRACTIONS / 2);
  await runAll(slots, half, SEED, tally);
  const heapMid = await settledHeap();
  await runAll(slots, EXTRACTIONS, SEED, tally, half);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const heapAfter = await settledHeap();

  // Closed in reverse: each slot's Vertex AI fetch redirect wraps the one before it.
  for (const slot of [...slots].reverse()) await slot.close();
  const socketsAtEnd = await socketsSettle(socketsAtStart, 5000);

  const faulty = EXTRACTIONS - (tally.faults.get('none') ?? 0);
  const checks: Array<[string, boolean]> = [
    [`every extraction ended as planned (${failures.length} did not)`, failures.length === 0],
    [`no unhandled rejection (${unhandled})`, unhandled === 0],
    [
      `heap back to its level (+${mib(heapAfter - heapBefore)}, tolerance ${mib(HEAP_TOLERANCE)})`,
      heapAfter - heapBefore <= HEAP_TOLERANCE,
    ],
    [
      `no growth over the second half (+${mib(heapAfter - heapMid)}, tolerance ${mib(SECOND_HALF_TOLERANCE)})`,
      heapAfter - heapMid <= SECOND_HALF_TOLERANCE,
    ],
    [
      `sockets back to their starting level (${socketsAtStart} -> ${socketsAtEnd})`,
      socketsAtEnd <= socketsAtStart,
    ],
    [`every fault kind injected`, FAULT_KINDS.every((k) => (tally.faults.get(k) ?? 0) > 0)],
  ];

  console.log(
    `soak: ${EXTRACTIONS} extractions, ${CONCURRENCY} at a time, seed ${SEED}, after ${WARMUP} warm-up extractions`,
  );
  console.log(
    `  duration            ${seconds.toFixed(1)} s (${(EXTRACTIONS / seconds).toFixed(0)} extractions/s)`,
  );
  console.log(`  faults injected     ${faulty} (${((100 * faulty) / EXTRACTIONS).toFixed(1)} %)`);
  console.log(lines(tally.faults).join('\n'));
  console.log('  outcomes');
  console.log(lines(tally.outcomes).join('\n'));
  console.log('  provider/transport');
  console.log(lines(tally.providers).join('\n'));
  console.log(
    `  heap                ${mib(heapBefore)} before, ${mib(heapMid)} half-way, ${mib(heapAfter)} after (settled, after gc)`,
  );
  console.log(
    `  sockets             ${socketsAtStart} at start, ${peakSockets} at peak, ${socketsAtEnd} at end`,
  );
  console.log(`  unhandled           ${unhandled}`);
  for (const failure of failures.slice(0, 20)) console.log(`  FAILED ${failure}`);
  for (const [name, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
