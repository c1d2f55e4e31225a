import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis every test uses: TEST_REDIS_URL, which the suite's global setup (redis-setup.ts) points at a
 * private redis-server it started, unless it was set to a Redis the tests may write to. Never REDIS_URL,
 * which may name a developer's own Redis.
 */
export function redisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) {
    throw new Error(
      'TEST_REDIS_URL is not set: run the tests with vitest (its global setup starts a private Redis), or ' +
        'call useTestRedis() from @tidal-remedy/test-support/redis-setup first.',
    );
  }
  return url;
}

/** A fresh key prefix (one hash tag), so tests share one Redis without seeing each other's keys. */
export function testPrefix(label = 'test'): string {
  return `{tr-${label}-${randomUUID().slice(0, 8)}}`;
}

/** Deletes every key under a prefix (SCAN, never FLUSHDB: the Redis may be shared). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

export function connectRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
}
