import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closedPort } from '@tidal-remedy/test-support/api';
import { spawnNode } from '@tidal-remedy/test-support/process';
import { useTestRedis } from '@tidal-remedy/test-support/redis-setup';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';

/** The Redis of the suite's own run, which these tests step around and put back. */
const suiteRedis = process.env.TEST_REDIS_URL;
afterEach(() => {
  process.env.TEST_REDIS_URL = suiteRedis;
});

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // A refused connection rejects connect() below; the event would only repeat it.
  redis.on('error', (error: Error) => error);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch (error) {
    if (/ECONNREFUSED|Connection is closed/.test((error as Error).message)) return false;
    throw error;
  } finally {
    redis.disconnect();
  }
}

describe('the tests’ Redis (pnpm test on a fresh machine)', () => {
  it('is a private redis-server on a free port, never the default one, stopped at the end', async () => {
    delete process.env.TEST_REDIS_URL;
    const stop = await useTestRedis();
    const url = process.env.TEST_REDIS_URL ?? '';
    expect(new URL(url).port).not.toBe('6379');
    expect(url).not.toBe(suiteRedis);
    expect(await answers(url)).toBe(true);
    await stop();
    expect(await answers(url)).toBe(false);
  });

  it('is TEST_REDIS_URL when it is set, and a clear error when that does not answer', async () => {
    process.env.TEST_REDIS_URL = suiteRedis;
    await (await useTestRedis())();
    expect(process.env.TEST_REDIS_URL).toBe(suiteRedis);
    expect(await answers(suiteRedis!)).toBe(true);

    process.env.TEST_REDIS_URL = `redis://127.0.0.1:${await closedPort()}`;
    await expect(useTestRedis()).rejects.toThrow(/does not answer .*unset it to let the tests start/);
  });

  it('says in one line what to install when redis-server is missing', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'tr-no-redis-'));
    try {
      const setup = spawnNode(
        ['--import', 'tsx', '-e', "await (await import('./test/support/redis-setup.ts')).default()"],
        { PATH: empty },
      );
      expect(await setup.exited).toBe(1);
      expect(setup.lines).toEqual([
        expect.stringMatching(
          /^The tests start a private Redis with redis-server, which is not on PATH: install it/,
        ),
      ]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
