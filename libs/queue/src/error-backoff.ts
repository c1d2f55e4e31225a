/**
 * When a worker should stop taking jobs for a while: BullMQ's main loop retries a failed fetch of the next
 * job at once unless the error is a refused connection, so a Redis that answers every command with an
 * error (MOVED from a node that does not own the slot, READONLY from a demoted master, OOM, LOADING) would
 * spin it thousands of times a second. `threshold` errors within `windowMs` call for a pause; each pause
 * that follows another within `maxMs` doubles, up to `maxMs`; a calm spell starts again from `minMs`.
 */
export class ErrorBackoff {
  private recent: number[] = [];
  private nextPauseMs: number;
  private lastPauseEnd = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: {
      threshold?: number;
      windowMs?: number;
      minMs?: number;
      maxMs?: number;
      now?: () => number;
    } = {},
  ) {
    this.nextPauseMs = this.minMs;
  }

  private get minMs() {
    return this.options.minMs ?? 1_000;
  }
  private get maxMs() {
    return this.options.maxMs ?? 30_000;
  }

  /** Records an error; answers how long to pause now, or 0 to go on. */
  record(): number {
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.windowMs ?? 1_000;
    this.recent = this.recent.filter((at) => now - at < windowMs);
    this.recent.push(now);
    if (this.recent.length < (this.options.threshold ?? 5)) return 0;
    this.recent = [];
    if (now - this.lastPauseEnd > this.maxMs) this.nextPauseMs = this.minMs;
    const pause = this.nextPauseMs;
    this.nextPauseMs = Math.min(this.maxMs, pause * 2);
    this.lastPauseEnd = now + pause;
    return pause;
  }
}
