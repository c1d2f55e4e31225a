import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cacheKey, parseCacheKey } from './cache-key.js';
import { cached } from './cached.js';
import { canonicalJson } from './canonical-json.js';
import { FileStepCache } from './file-cache.js';
import { RedisStepCache } from './redis-cache.js';
import type { StepCache } from './step-cache.js';

const Entry = z.object({ name: z.string(), count: z.number() });

describe('cacheKey', () => {
  it('is <prefix>:cache:<step>:<version>:<sha256 of canonical JSON>', () => {
    const key = cacheKey({ prefix: '{tidal-remedy}', step: 'fetch', version: 'v1', inputs: { a: 1 } });
    // sha256 of '{"a":1}', computed independently: printf '{"a":1}' | sha256sum
    expect(key).toBe(
      '{tidal-remedy}:cache:fetch:v1:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
    );
    expect(parseCacheKey(key)).toMatchObject({ prefix: '{tidal-remedy}', step: 'fetch', version: 'v1' });
  });

  it('does not depend on key order, and does on every value and on the version', () => {
    const base = { prefix: '{p}', step: 'match', version: 'v1' };
    const a = cacheKey({ ...base, inputs: { track: '1', country: 'US', nested: { x: 1, y: [1, 2] } } });
    const b = cacheKey({ ...base, inputs: { nested: { y: [1, 2], x: 1 }, country: 'US', track: '1' } });
    expect(a).toBe(b);
    expect(
      cacheKey({ ...base, inputs: { track: '1', country: 'GB', nested: { x: 1, y: [1, 2] } } }),
    ).not.toBe(a);
    expect(
      cacheKey({ ...base, inputs: { track: '1', country: 'US', nested: { x: 1, y: [2, 1] } } }),
    ).not.toBe(a);
    expect(
      cacheKey({
        ...base,
        version: 'v2',
        inputs: { track: '1', country: 'US', nested: { x: 1, y: [1, 2] } },
      }),
    ).not.toBe(a);
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [{ z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('rejects refs that are not cache keys', () => {
    expect(parseCacheKey('../../etc/passwd')).toBeNull();
    expect(parseCacheKey('{p}:cache:fetch:v1:not-a-digest')).toBeNull();
  });
});

let redis: Redis;
let dir: string;
const prefix = testPrefix('cache');
beforeAll(async () => {
  redis = connectRedis();
  dir = await mkdtemp(path.join(tmpdir(), 'cache-test-'));
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await rm(dir, { recursive: true, force: true });
});

const implementations: Array<[string, () => StepCache, (key: string, text: string) => Promise<void>]> = [
  ['RedisStepCache', () => new RedisStepCache(redis), async (key, text) => void (await redis.set(key, text))],
  [
    'FileStepCache',
    () => new FileStepCache(dir),
    async (key, text) => {
      const cache = new FileStepCache(dir);
      await cache.set(key, null);
      await writeFile(cache.pathOf(key), text);
    },
  ],
];

describe.each(implementations)('%s', (_name, make, corrupt) => {
  const key = (label: string) =>
    cacheKey({ prefix, step: 'test', version: 'v1', inputs: { label, impl: _name } });

  it('stores and reads back a value', async () => {
    const cache = make();
    await cache.set(key('a'), { name: 'a', count: 1 });
    await expect(cache.get(key('a'), Entry)).resolves.toEqual({ name: 'a', count: 1 });
  });

  it('misses on an absent key', async () => {
    await expect(make().get(key('absent'), Entry)).resolves.toBeUndefined();
  });

  it.each([
    ['not JSON', '{"name": "a", '],
    ['not of the schema', '{"name": "a", "count": "many"}'],
  ])('treats an entry that is %s as a miss, and the next write repairs it', async (label, text) => {
    const cache = make();
    await corrupt(key(label), text);
    await expect(cache.get(key(label), Entry)).resolves.toBeUndefined();
    const result = await cached(cache, { key: key(label), schema: Entry }, async () => ({
      name: 'fixed',
      count: 2,
    }));
    expect(result).toEqual({ value: { name: 'fixed', count: 2 }, hit: false });
    await expect(cache.get(key(label), Entry)).resolves.toEqual({ name: 'fixed', count: 2 });
  });

  it('reads many at once, with misses in place', async () => {
    const cache = make();
    await cache.set(key('m1'), { name: 'm1', count: 1 });
    await cache.set(key('m3'), { name: 'm3', count: 3 });
    const values = await cache.getMany([key('m1'), key('m2'), key('m3')], Entry);
    expect(values).toEqual([{ name: 'm1', count: 1 }, undefined, { name: 'm3', count: 3 }]);
  });

  it('writes many at once', async () => {
    const cache = make();
    const entries = Array.from(
      { length: 250 },
      (_, n) => [key(`many-${n}`), { name: `m${n}`, count: n }] as const,
    );
    await cache.setMany(entries);
    const values = await cache.getMany(
      entries.map(([k]) => k),
      Entry,
    );
    expect(values).toEqual(entries.map(([, value]) => value));
  });

  it('cached() computes once, then hits; refresh recomputes and rewrites', async () => {
    const cache = make();
    let computed = 0;
    const compute = async () => ({ name: 'c', count: ++computed });
    expect(await cached(cache, { key: key('memo'), schema: Entry }, compute)).toEqual({
      value: { name: 'c', count: 1 },
      hit: false,
    });
    expect(await cached(cache, { key: key('memo'), schema: Entry }, compute)).toEqual({
      value: { name: 'c', count: 1 },
      hit: true,
    });
    expect(await cached(cache, { key: key('memo'), schema: Entry, refresh: true }, compute)).toEqual({
      value: { name: 'c', count: 2 },
      hit: false,
    });
    expect(await cached(cache, { key: key('memo'), schema: Entry }, compute)).toEqual({
      value: { name: 'c', count: 2 },
      hit: true,
    });
    expect(computed).toBe(2);
  });
});

describe('RedisStepCache', () => {
  it('sets an expiry on every entry', async () => {
    const cache = new RedisStepCache(redis, { ttlSeconds: 120 });
    const key = cacheKey({ prefix, step: 'test', version: 'v1', inputs: 'ttl' });
    await cache.set(key, { name: 't', count: 0 });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });
});

describe('RedisStepCache, a long entry', () => {
  const Long = z.object({ items: z.array(z.object({ title: z.string(), position: z.number() })) });
  const long = {
    items: Array.from({ length: 2_000 }, (_, position) => ({
      title: `Harbour Lights ${position}`,
      position,
    })),
  };

  it('is stored gzipped, and read back, one at a time and many at once', async () => {
    const cache = new RedisStepCache(redis);
    const key = cacheKey({ prefix, step: 'test', version: 'v1', inputs: 'long' });
    await cache.set(key, long);
    const stored = await redis.getBuffer(key);
    expect(stored?.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(stored?.length).toBeLessThan(JSON.stringify(long).length / 4);
    await expect(cache.get(key, Long)).resolves.toEqual(long);
    await cache.setMany([[`${key}-2`, long]]);
    await expect(cache.getMany([key, `${key}-2`, `${key}-3`], Long)).resolves.toEqual([
      long,
      long,
      undefined,
    ]);
  });

  it('still reads an entry stored as plain JSON (written before compression)', async () => {
    const key = cacheKey({ prefix, step: 'test', version: 'v1', inputs: 'long-plain' });
    await redis.set(key, JSON.stringify(long));
    await expect(new RedisStepCache(redis).get(key, Long)).resolves.toEqual(long);
  });

  it('is a miss when its gzip is damaged', async () => {
    const key = cacheKey({ prefix, step: 'test', version: 'v1', inputs: 'long-damaged' });
    await redis.set(key, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(new RedisStepCache(redis).get(key, Long)).resolves.toBeUndefined();
  });
});

describe('RedisStepCache.setMany', () => {
  it('gives its entries the lifetime asked for', async () => {
    const cache = new RedisStepCache(redis, { ttlSeconds: 120 });
    const key = cacheKey({ prefix, step: 'test', version: 'v1', inputs: 'long-lived' });
    await cache.setMany([[key, { name: 'l', count: 0 }]], { ttlSeconds: 400 * 86_400 });
    expect(await redis.ttl(key)).toBeGreaterThan(399 * 86_400);
  });
});

describe('FileStepCache', () => {
  it('names files by the digest of the key, so no key text reaches a path', async () => {
    const cache = new FileStepCache(dir);
    const file = cache.pathOf('{p}:cache:x:v1:../../../etc/passwd');
    expect(path.relative(dir, file)).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
    await cache.set('k', { name: 'k', count: 1 });
    expect(JSON.parse(await readFile(cache.pathOf('k'), 'utf8'))).toEqual({ name: 'k', count: 1 });
  });
});
