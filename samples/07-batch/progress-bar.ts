import type { BatchProgress } from 'parallel-tools';

const WIDTH = 30;
let last = '';

/**
 * Draws one progress line in place (`\r`), e.g. `round 1 running    [#########.....]  180/300  failed 0`;
 * only when the bar, the phase or the failures change, so that a pipe is not flooded.
 */
export function drawProgress({ phase, round, done, failed, total }: BatchProgress): void {
  const filled = total === 0 ? 0 : Math.round(((done + failed) / total) * WIDTH);
  const key = `${round}${phase}${filled}${failed}`;
  if (key === last && done + failed !== total) return;
  last = key;
  const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
  const counts = `${String(done + failed).padStart(4)}/${total}`;
  process.stdout.write(`\rround ${round} ${phase.padEnd(10)} [${bar}] ${counts}  failed ${failed}   `);
}
