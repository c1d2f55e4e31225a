import { TidalNetworkError, TidalTimeoutError } from './errors.js';
import type { RequestGate } from './request-gate.js';
import type { RequestStats } from './request-stats.js';

/** Retries of 5xx, network errors and timeouts: exponential backoff with jitter, bounded. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * What to do on a 429. The transport waits out `Retry-After` and retries at most `maxRetries` times, and
 * only when the wait is at most `maxWaitMs`; otherwise the caller gets the 429 (a RateLimitedError). A
 * queue worker sets `maxRetries: 0` and pauses itself instead of sleeping in a job.
 */
export interface RateLimitPolicy {
  maxRetries: number;
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { maxRetries: 2, maxWaitMs: 30_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Stats and error key: `GET /tracks`. */
  endpoint: string;
  headers: Record<string, string>;
  body?: string;
  /** Whether repeating the request is harmless (reads, token requests, writes with an Idempotency-Key). */
  idempotent: boolean;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The wait TIDAL asked for on a 429 (Retry-After), in ms; null otherwise. */
  retryAfterMs: number | null;
}

export interface TransportOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  rateLimit: RateLimitPolicy;
  stats: RequestStats;
  fetch: typeof fetch;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (info: { endpoint: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Paces every attempt below TIDAL's rate limit, and is paused by a 429. */
  gate?: RequestGate;
}

/**
 * Sends one logical request: each attempt under its own timeout, retrying 5xx/network/timeout (when the
 * request is idempotent) with backoff, and 429 within the rate-limit policy. Every attempt is counted.
 * Returns the final response whatever its status; throws only when no response came at all.
 */
export class HttpTransport {
  constructor(private readonly options: TransportOptions) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const { retry, rateLimit } = this.options;
    let failures = 0;
    let rateLimited = 0;
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(request, attempt);
      if ('response' in result) {
        const { response } = result;
        if (response.status === 429) {
          const wait = response.retryAfterMs ?? this.backoff(rateLimited);
          await this.options.gate?.pause(wait);
          if (rateLimited >= rateLimit.maxRetries || wait > rateLimit.maxWaitMs) {
            return { ...response, retryAfterMs: wait };
          }
          rateLimited += 1;
          this.options.onRetry?.({ endpoint: request.endpoint, attempt, delayMs: wait, reason: '429' });
          await this.options.sleep(wait, request.signal);
          continue;
        }
        if (response.status < 500 || !request.idempotent || failures >= retry.maxRetries) return response;
        await this.pause(request, attempt, failures++, String(response.status));
        continue;
      }
      if (!request.idempotent || failures >= retry.maxRetries) {
        throw result.timedOut
          ? new TidalTimeoutError(request.endpoint, this.options.timeoutMs)
          : new TidalNetworkError(request.endpoint, request.url, result.error);
      }
      await this.pause(request, attempt, failures++, result.timedOut ? 'timeout' : 'network error');
    }
  }

  private async attempt(
    request: TransportRequest,
    attempt: number,
  ): Promise<{ response: TransportResponse } | { error: unknown; timedOut: boolean }> {
    await this.options.gate?.acquire(request.signal);
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const record = (outcome: number | 'timeout' | 'network-error') =>
      this.options.stats.record({
        endpoint: request.endpoint,
        outcome,
        durationMs: performance.now() - started,
        attempt,
      });
    try {
      const response = await this.options.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
        redirect: 'error',
      });
      // The body is read under the same timeout: a server that sends headers and then stalls is a timeout.
      const text = await response.text();
      record(response.status);
      return {
        response: {
          status: response.status,
          headers: response.headers,
          text,
          retryAfterMs: response.status === 429 ? parseRetryAfter(response.headers.get('retry-after')) : null,
        },
      };
    } catch (error) {
      // The caller gave up (shutdown, its own deadline): no retry, no wrapping.
      if (request.signal?.aborted) throw request.signal.reason;
      const timedOut = timeout.aborted;
      record(timedOut ? 'timeout' : 'network-error');
      return { error, timedOut };
    }
  }

  private async pause(request: TransportRequest, attempt: number, failures: number, reason: string) {
    const delayMs = this.backoff(failures);
    this.options.onRetry?.({ endpoint: request.endpoint, attempt, delayMs, reason });
    await this.options.sleep(delayMs, request.signal);
  }

  /** min(max, base·2ⁿ), then jittered into [½, 1] of that so that replicas do not retry in lockstep. */
  private backoff(failures: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** failures);
    return Math.round(ceiling / 2 + (this.options.random() * ceiling) / 2);
  }
}

/** `Retry-After` as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A sleep that ends early (rejecting) when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
