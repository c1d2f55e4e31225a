import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRequestGate } from './redis-request-gate.js';
import { gcra, JITTER_ALLOWANCE_MS, MemoryRequestGate, toleranceMs } from './request-gate.js';

describe('gcra', () => {
  const limit = { perSecond: 10, burst: 3 };

  it("lets a burst through (TIDAL's, less the headroom), then one request per interval", () => {
    let tat = 0;
    const now = 10_000;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const step = gcra(now, tat, limit);
      tat = step.tatMs;
      waits.push(step.waitMs);
    }
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeCloseTo(100);
    expect(waits[3]).toBeCloseTo(100);
    expect(gcra(now + 100, tat, limit).waitMs).toBe(0);
  });

  it('never grants more than burst + rate × time over any window', () => {
    let tat = 0;
    let granted = 0;
    for (let now = 0; now <= 5_000; now += 7) {
      for (;;) {
        const step = gcra(now, tat, limit);
        if (step.waitMs > 0) break;
        tat = step.tatMs;
        granted += 1;
      }
    }
    expect(granted).toBeLessThanOrEqual(3 + 10 * 5);
    expect(granted).toBeGreaterThanOrEqual(10 * 5);
  });
});

describe('headroom', () => {
  it('keeps the requests of the jitter allowance out of the burst, never the whole burst', () => {
    expect(toleranceMs({ perSecond: 20, burst: 20 })).toBe(50 * (20 - 1 - 2));
    expect(toleranceMs({ perSecond: 10, burst: 10 })).toBe(100 * (10 - 1 - 1));
    expect(toleranceMs({ perSecond: 10, burst: 2 })).toBe(0);
    expect(toleranceMs({ perSecond: 10, burst: 1 })).toBe(0);
  });

  it('sent at the full limit, requests delayed unevenly by up to the jitter allowance are never refused', () => {
    // TIDAL's side: a token bucket of `burst`, refilled at `perSecond` (as the emulator models it).
    const limit = { perSecond: 20, burst: 20 };
    let tokens = limit.burst;
    let at = 0;
    const take = (now: number) => {
      tokens = Math.min(limit.burst, tokens + ((now - at) / 1000) * limit.perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };
    // The worst jitter: half a second of requests every two seconds, whose first ones (the burst after the
    // quiet spell) are held up by the whole allowance and overtaken by the ones sent after them.
    let tat = 0;
    const arrivals: number[] = [];
    for (let now = 0; now < 10_000; now += 1) {
      if (now % 2_000 >= 500) continue;
      for (;;) {
        const step = gcra(now, tat, limit);
        if (step.waitMs > 0) break;
        tat = step.tatMs;
        arrivals.push(now % 2_000 === 0 ? now + JITTER_ALLOWANCE_MS : now);
      }
    }
    arrivals.sort((a, b) => a - b);
    expect(arrivals.filter((arrival) => !take(arrival))).toEqual([]);
    // ... and the limit is used: a burst, then 20 per second, in each active half second.
    expect(arrivals.length).toBe(5 * (18 + 9));
  });
});

describe('MemoryRequestGate', () => {
  it('waits out a pause before anything goes', () => {
    let now = 0;
    const gate = new MemoryRequestGate({ perSecond: 100, burst: 10 }, () => now);
    expect(gate.tryAcquire()).toBe(0);
    void gate.pause(2_000);
    expect(gate.tryAcquire()).toBe(2_000);
    now = 2_000;
    expect(gate.tryAcquire()).toBe(0);
  });
});

describe('RedisRequestGate', () => {
  let redis: Redis;
  const prefix = testPrefix('gate');
  beforeAll(() => {
    redis = connectRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('is one limit for every replica that shares it', async () => {
    const replicas = [0, 1, 2].map(() => new RedisRequestGate(redis, { perSecond: 1, burst: 4 }, prefix));
    const waits = await Promise.all(replicas.flatMap((gate) => [gate.tryAcquire(), gate.tryAcquire()]));
    // A burst of 4, less one kept as headroom.
    expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
    // The two refused wait for the next slots, about one and two intervals away at most.
    for (const wait of waits.filter((wait) => wait > 0)) expect(wait).toBeLessThanOrEqual(1_000);
  });

  it('a pause set by one replica holds back the others', async () => {
    const pausePrefix = testPrefix('gate-pause');
    const a = new RedisRequestGate(redis, { perSecond: 100, burst: 100 }, pausePrefix);
    const b = new RedisRequestGate(redis, { perSecond: 100, burst: 100 }, pausePrefix);
    expect(await b.tryAcquire()).toBe(0);
    await a.pause(5_000);
    const wait = await b.tryAcquire();
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThanOrEqual(5_000);
    await a.pause(10);
    expect(await b.tryAcquire()).toBeGreaterThan(4_000);
    await deletePrefix(redis, pausePrefix);
  });
});
