/**
 * Waits that a mock server can cancel all at once. Every pending timer is cleared on `dispose()`,
 * so a test that closes its server never leaves Jest waiting on a latency timer, and every wait
 * settles then, so the reply writers stop instead of hanging forever.
 * @internal
 */
export class TimerScope {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly cancellations = new Set<() => void>();
  private disposed = false;

  /** True once `dispose()` ran; writers check it after every wait. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Resolves after `ms` milliseconds, or at once (without waiting) for `ms <= 0` or after dispose. */
  sleep(ms: number | undefined): Promise<void> {
    if (!ms || ms <= 0 || this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.timers.delete(timer);
        this.cancellations.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timers.add(timer);
      this.cancellations.add(done);
    });
  }

  /** Waits for `promise`, but gives up (resolving to `undefined`) when the scope is disposed. */
  until<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      const cancel = (): void => resolve(undefined);
      this.cancellations.add(cancel);
      promise.then(resolve, reject).finally(() => this.cancellations.delete(cancel));
    });
  }

  /** Clears every timer and settles every pending wait. */
  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const cancel of [...this.cancellations]) cancel();
    this.timers.clear();
    this.cancellations.clear();
  }
}
