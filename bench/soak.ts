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
/** How much it may grow over the second half (noise is up to 0.5 MiB): a 1 KB leak per extraction fails it. */
const SECOND_HALF_TOLERANCE = 0.75 * 1024 * 1024;
/** Stops the soak whatever happens. */
const DEADLINE_MS = Number(process.env.SOAK_DEADLINE_MS ?? 180_000);

let unhandled = 0;
/** What each slot is running, to name what is stuck if the deadline passes. */
const liveFailures: string[] = [];
const inFlight = new Map<Slot, { plan: Plan; since: number }>();
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('unhandled rejection:', reason);
});

interface Tally {
  faults: Map<string, number>;
  outcomes: Map<string, number>;
  providers: Map<string, number>;
  failed: string[];
}

/** Runs extractions `0..count-1` of `seed` over the slots, each slot one at a time, checking each. */
async function runAll(slots: Slot[], count: number, seed: number, tally: Tally, from = 0): Promise<void> {
  let next = from;
  const worker = async (slot: Slot) => {
    for (let id = next++; id < count; id = next++) {
      const plan = planFor(id, seed);
      inFlight.set(slot, { plan, since: performance.now() });
      const seen = await slot.run(plan);
      inFlight.delete(slot);
      const found = problems(seen.outcome, expectedOutcome(plan), seen);
      record(tally, plan, seen.outcome, found);
      // A request given up on may still reach its server later, or its reply stay queued: fresh
      // servers keep that from meeting the next plan.
      if (plan.fault === 'never-respond' || found.length > 0) await slot.renew();
    }
  };
  await Promise.all(slots.map(worker));
}

function record(tally: Tally, plan: Plan, outcome: Outcome, found: string[]): void {
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  add(tally.faults, plan.fault ?? 'none');
  add(tally.outcomes, outcomeLabel(outcome));
  add(tally.providers, `${plan.provider}/${plan.transport}`);
  if (found.length > 0)
    liveFailures.push(
      `#${plan.id} ${plan.provider}/${plan.transport} ${plan.fault ?? 'no fault'}: ${found.join('; ')}`,
    );
  if (found.length > 0)
    tally.failed.push(
      `#${plan.id} ${plan.provider}/${plan.transport} ${plan.fault ?? 'no fault'}: ${found.join('; ')}`,
    );
}

const newTally = (): Tally => ({ faults: new Map(), outcomes: new Map(), providers: new Map(), failed: [] });
const lines = (map: Map<string, number>) =>
  [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `    ${k.padEnd(36)} ${v}`);

async function main(): Promise<void> {
  ensureGc();
  const watchdog = setTimeout(() => {
    console.error(`soak: still running after ${DEADLINE_MS / 1000} s, stopping; in flight:`);
    for (const failed of liveFailures.slice(0, 10)) console.error(`  earlier: ${failed}`);
    for (const { plan, since } of inFlight.values()) {
      console.error(
        `  #${plan.id} ${plan.provider}/${plan.transport} ${plan.fault ?? 'no fault'} for ${((performance.now() - since) / 1000).toFixed(1)} s`,
      );
    }
    process.exit(2);
  }, DEADLINE_MS);
  watchdog.unref();

  const socketsAtStart = openSockets();
  const slots = await Promise.all(Array.from({ length: CONCURRENCY }, () => Slot.start()));
  const warmup = newTally();
  await runAll(slots, WARMUP, SEED + 1, warmup);

  const heapBefore = await settledHeap();
  let peakSockets = openSockets();
  const sampler = setInterval(() => (peakSockets = Math.max(peakSockets, openSockets())), 20);
  const tally = newTally();
  const started = performance.now();
  await runAll(slots, EXTRACTIONS / 2, SEED, tally);
  const heapMid = await settledHeap();
  await runAll(slots, EXTRACTIONS, SEED, tally, EXTRACTIONS / 2);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const heapAfter = await settledHeap();

  // Closed in reverse: each slot's Vertex AI fetch redirect wraps the previous one.
  for (const slot of [...slots].reverse()) await slot.close();
  const socketsAtEnd = await socketsSettle(socketsAtStart, 5000);

  const faulty = EXTRACTIONS - (tally.faults.get('none') ?? 0);
  const checks: Array<[string, boolean]> = [
    [
      `every extraction ended as planned (${tally.failed.length + warmup.failed.length} did not)`,
      tally.failed.length + warmup.failed.length === 0,
    ],
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
  for (const failure of [...warmup.failed, ...tally.failed].slice(0, 20)) console.log(`  FAILED ${failure}`);
  for (const [name, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
