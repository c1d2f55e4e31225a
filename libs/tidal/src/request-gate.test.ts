import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, deletePrefix, testPrefix } from '../../../test/support/redis.js';
import { RedisRequestGate } from './redis-request-gate.js';
import { gcra, MemoryRequestGate } from './request-gate.js';

describe('gcra', () => {
  const limit = { perSecond: 10, burst: 3 };

  it('lets a burst through, then one request per interval', () => {
    let tat = 0;
    const now = 10_000;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const step = gcra(now, tat, limit);
      tat = step.tatMs;
      waits.push(step.waitMs);
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeCloseTo(100);
    expect(waits[4]).toBeCloseTo(100);
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
    expect(waits.filter((wait) => wait === 0)).toHaveLength(4);
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
