import { startWorker, stopWorker, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { testPrefix } from '@tidal-remedy/test-support/redis';
import { type PrivateRedis, startPrivateRedis } from '@tidal-remedy/test-support/redis-server';
import {
  DEFAULT_SEED_PATH,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a worker writes while its Redis is gone (issue 14 point 7, issue 18 point 3): JSON lines only, on
 * stdout and stderr alike (ioredis' and BullMQ's error events included, no multi-line stack trace), and
 * few of them however long the outage lasts; then it carries on once Redis is back.
 */
let redis: PrivateRedis;
let emulator: EmulatorHandle;
let worker: ChildHandle | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await emulator?.close();
  await redis?.close();
});

describe('a worker during a Redis outage', () => {
  it('writes only JSON, a handful of lines, and is ready again once Redis is back', async () => {
    // The matcher: the most connections (its queue, its worker's blocking one, the shared one).
    worker = await startWorker(
      'matcher',
      workerEnv(emulator, testPrefix('outage'), { REDIS_URL: redis.url }),
    );
    const { healthPort } = JSON.parse(await worker.waitFor(/"msg":"worker running"/)) as {
      healthPort: number;
    };
    const ready = async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status;
    await waitUntil('the worker to be ready', async () => (await ready()) === 200);

    const before = worker.lines.length;
    await redis.stop('SIGKILL');
    await worker.waitFor(/Redis connection lost/);
    expect(await ready()).toBe(503);
    // Long enough for several reconnect attempts of every connection (they back off to 5 s).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const during = worker.lines.slice(before);

    await redis.start();
    await waitUntil('the worker to be ready again', async () => (await ready()) === 200, {
      timeoutMs: 20_000,
    });

    for (const line of worker.lines) {
      expect(() => JSON.parse(line), `not a JSON line: ${line}`).not.toThrow();
    }
    expect(during.length, during.join('\n')).toBeLessThan(25);
    const errors = during.map((line) => JSON.parse(line) as { level: string; err?: { stack?: string } });
    expect(errors.some((line) => line.level === 'error' || line.level === 'warn')).toBe(true);
  }, 60_000);
});
