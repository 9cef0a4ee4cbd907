import { spawnSync } from 'node:child_process';

/**
 * Re-runs this script under `--expose-gc` when `global.gc` is missing (heap figures need a full
 * collection), passing its exit status on. Returns only when gc is available.
 */
export function ensureGc(): void {
  if (typeof global.gc === 'function') return;
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

/** TCP sockets and listening servers open in this process. */
export function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap')
    .length;
}

/** Heap in use after full collections, with the event loop let through in between. */
export async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    global.gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** Waits (up to `ms`) for the open sockets to fall to `level`; returns the count it ended at. */
export async function socketsSettle(level: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (openSockets() > level && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
  return openSockets();
}

/** `12.34 MiB`. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
