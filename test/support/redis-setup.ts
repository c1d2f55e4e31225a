import { Redis } from 'ioredis';
import { RedisServerMissingError, startPrivateRedis } from './redis-server.js';

/**
 * Gives the tests (and the benchmarks) a Redis of their own: a private redis-server on a free port,
 * without persistence, stopped at the end; or, when TEST_REDIS_URL is set, that Redis (checked to answer).
 * It never uses REDIS_URL nor 127.0.0.1:6379 on its own, so a developer's Redis is never touched. Returns
 * what stops it.
 */
export async function useTestRedis(): Promise<() => Promise<void>> {
  const given = process.env.TEST_REDIS_URL;
  if (given) {
    await expectAnswer(given);
    return async () => {};
  }
  const redis = await startPrivateRedis();
  process.env.TEST_REDIS_URL = redis.url;
  return async () => {
    delete process.env.TEST_REDIS_URL;
    await redis.close();
  };
}

/**
 * vitest's global setup: runs before the test files' processes start, which inherit TEST_REDIS_URL.
 * Without redis-server it ends the run with the one line that says what to install, not a stack trace.
 */
export default async function setup(): Promise<() => Promise<void>> {
  try {
    return await useTestRedis();
  } catch (error) {
    if (!(error instanceof RedisServerMissingError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
}

async function expectAnswer(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  // A refused connection rejects connect() below; the event would only repeat it.
  redis.on('error', (error: Error) => error);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `TEST_REDIS_URL (${new URL(url).host}) does not answer (${(error as Error).message}); unset it to let the tests start a private redis-server.`,
    );
  } finally {
    redis.disconnect();
  }
}
