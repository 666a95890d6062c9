/**
 * Runs an expensive check for many concurrent callers at once, without ever giving a caller
 * a result that started before the caller asked: a caller joins the next run that has not
 * started yet, and runs never overlap.
 */
export class CoalescingBarrier<T> {
  private pending: Promise<T> | null = null;
  private inflight: Promise<T> | null = null;

  constructor(private readonly check: () => Promise<T>) {}

  run(): Promise<T> {
    if (this.pending) return this.pending;
    const previous = this.inflight;
    const waitForPrevious = previous
      ? previous.then(
          () => undefined,
          () => undefined,
        )
      : Promise.resolve();
    const next: Promise<T> = waitForPrevious
      .then(() => {
        this.pending = null;
        this.inflight = next;
        return this.check();
      })
      .finally(() => {
        if (this.inflight === next) this.inflight = null;
      });
    this.pending = next;
    return next;
  }
}
