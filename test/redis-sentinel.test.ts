import { createRedisConnection } from '@tidal-remedy/queue';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { testPrefix } from '@tidal-remedy/test-support/redis';
import { type RedisSentinelHandle, startRedisSentinel } from '@tidal-remedy/test-support/redis-sentinel';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './faults/support/api-client.js';
import { trackIdsOf } from './faults/support/remedy-facts.js';
import { expectCompletedOnce } from './faults/support/remedy-outcome.js';

/**
 * Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME): the API and three worker processes ask the
 * sentinels for the master; the master dies in the middle of a remedy, the sentinels promote its replica,
 * and every connection follows. The remedy completes, with nothing lost and one playlist; /readyz answers
 * 503 while there is no master, and 200 again after.
 */
const prefix = testPrefix('sentinel');
let sentinel: RedisSentinelHandle;
let emulator: EmulatorHandle;
let api: TestApi;
let workers: ChildHandle[] = [];

beforeAll(async () => {
  sentinel = await startRedisSentinel();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0, latencyMs: 30 });
  // A job whose worker lost its master mid-job is taken over within seconds, not BullMQ's default 30.
  const env = workerEnv(emulator, prefix, { ...sentinel.env(), WORKER_LOCK_DURATION_MS: '3000' });
  workers = await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)));
  api = await startTestApi({ redis: sentinel.config(), prefix });
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await api?.close();
  await emulator?.close();
  await sentinel?.close();
});

describe('Redis Sentinel: the master fails over in the middle of a remedy', () => {
  it('finds the master through the sentinels', async () => {
    const redis = createRedisConnection(sentinel.config(), 'producer');
    try {
      await new Promise((resolve) => redis.once('ready', resolve));
      expect(await redis.info('server')).toContain(`tcp_port:${sentinel.master.port}`);
    } finally {
      redis.disconnect();
    }
  });

  it('completes the remedy with nothing lost and one playlist; /readyz goes 503 and back', async () => {
    const client = new ApiClient(api.url, TEST_TOKEN);
    const original = trackIdsOf(emulator, DEMO_ACCOUNT.playlistId)!;
    const ready = async () => (await fetch(`${api.url}/readyz`)).status;
    expect(await ready()).toBe(200);
    const { id } = await client.accepted({ playlist: DEMO_ACCOUNT.playlistId, mode: 'new', refresh: true });
    await waitUntil(
      'the remedy to be matching',
      async () => (await client.status(id)).status?.state === 'matching',
    );

    const probes: number[] = [];
    let failingOver = true;
    const probing = (async () => {
      while (failingOver) {
        probes.push(await ready());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await sentinel.killMasterAndFailOver();
    expect((await client.status(id)).status?.state).not.toBe('done');
    await waitUntil('/readyz to answer 200 on the new master', async () => (await ready()) === 200, {
      timeoutMs: 20_000,
    });
    failingOver = false;
    await probing;
    expect(probes, probes.join(' ')).toContain(503);
    expect(await sentinel.masterPort()).toBe(sentinel.replica.port);

    await expectCompletedOnce({ client, redis: api.admin, prefix, emulator, id, original });
  }, 90_000);
});
