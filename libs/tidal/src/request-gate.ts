/**
 * Paces requests to TIDAL below its rate limit. Every attempt first acquires the gate; a 429 pauses it for
 * the Retry-After TIDAL gave. One gate shared by every replica (RedisRequestGate) keeps the whole fleet
 * under the limit, so the limit is used fully and 429s stay rare.
 */
export interface RequestGate {
  /** Resolves when one more request may go out. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** TIDAL answered 429: nobody sends before `ms` from now. */
  pause(ms: number): Promise<void>;
}

export interface RateLimit {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests that may go at once after a quiet spell (at least 1). */
  burst: number;
}

/**
 * GCRA, the generic cell rate algorithm: one number, the theoretical arrival time (TAT) of the next
 * request, says when a request may go. Returns how long to wait (0: go now, TAT moved on).
 */
export function gcra(nowMs: number, tatMs: number, limit: RateLimit): { waitMs: number; tatMs: number } {
  const interval = 1000 / limit.perSecond;
  const tolerance = interval * (Math.max(1, limit.burst) - 1);
  const tat = Math.max(tatMs, nowMs);
  const allowedAt = tat - tolerance;
  if (allowedAt > nowMs) return { waitMs: allowedAt - nowMs, tatMs };
  return { waitMs: 0, tatMs: tat + interval };
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A gate for one process (mode 1). */
export class MemoryRequestGate implements RequestGate {
  private tat = 0;
  private pausedUntil = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait before the next request may go; 0 takes the slot. */
  tryAcquire(): number {
    const now = this.now();
    if (this.pausedUntil > now) return this.pausedUntil - now;
    const { waitMs, tatMs } = gcra(now, this.tat, this.limit);
    this.tat = tatMs;
    return waitMs;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (let wait = this.tryAcquire(); wait > 0; wait = this.tryAcquire()) await waitFor(wait, signal);
  }

  async pause(ms: number): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
