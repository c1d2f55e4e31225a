import { RedisStepCache } from '@tidal-remedy/cache';
import { createRedisConnection, type RedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { testPrefix } from '@tidal-remedy/test-support/redis';
import { type RedisClusterHandle, startRedisCluster } from '@tidal-remedy/test-support/redis-cluster';
import { RedisRequestGate, RedisTokenStore } from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { WatchStore } from '@tidal-remedy/watches';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './faults/support/api-client.js';
import { trackIdsOf } from './faults/support/remedy-facts.js';
import { expectCompletedOnce } from './faults/support/remedy-outcome.js';

let cluster: RedisClusterHandle;
const prefix = testPrefix('cluster');
/** The node that owns the prefix's slot at the start, and one that does not. */
let owner: number;
let other: number;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  owner = await cluster.ownerOf(await cluster.slotOf(`${prefix}:x`));
  other = (owner + 1) % 3;
}, 30_000);

afterAll(async () => {
  await cluster?.close();
});

describe('Redis Cluster: one connection factory, every user of a connection', () => {
  let redis: RedisConnection;
  afterAll(() => redis?.disconnect());

  it('finds the cluster from one node that does not own the slot, and every store works over it', async () => {
    redis = createRedisConnection(
      {
        ...cluster.config(other),
        REDIS_CLUSTER_NODES: [{ host: '127.0.0.1', port: cluster.nodes[other]!.port }],
      },
      'producer',
    );
    expect(redis).toBeInstanceOf(Cluster);
    await new Promise((resolve) => redis.once('ready', resolve));

    const cache = new RedisStepCache(redis);
    await cache.setMany([
      [`${prefix}:cache:a`, { a: 1 }],
      [`${prefix}:cache:b`, { b: 2 }],
    ]);
    const { z } = await import('zod');
    expect(
      await cache.getMany([`${prefix}:cache:a`, `${prefix}:cache:b`], z.record(z.string(), z.number())),
    ).toEqual([{ a: 1 }, { b: 2 }]);

    const store = new RemedyStore(redis, prefix);
    const { record } = await store.create({
      playlist: '11111111-2222-3333-4444-555555555555',
      mode: 'dry-run',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
    });
    expect(await store.setState(record.id, 0, 'fetching')).toBe(true);
    await store.markMatched(record.id, 0, [1, 2]);
    expect((await store.get(record.id))?.state).toBe('fetching');

    const tokens = new RedisTokenStore(redis, { prefix });
    await tokens.set('k', { accessToken: 'a', expiresAt: null, refreshToken: null });
    expect(await tokens.get('k')).toMatchObject({ accessToken: 'a' });
    const lock = await tokens.tryLock('k', 1_000);
    await lock?.release();

    const gate = new RedisRequestGate(redis, { perSecond: 100, burst: 5 }, prefix);
    expect(await gate.tryAcquire()).toBe(0);
    await gate.pause(10);

    const watches = new WatchStore(redis, prefix);
    expect(await watches.list()).toEqual([]);

    const queues = new RemedyQueues({ connection: redis, prefix, deadlineMs: 5_000 });
    try {
      await queues.addFetch({ remedyId: record.id, run: 0, request: (await store.get(record.id))!.request });
      expect(await queues.hasFetch(record.id, 0)).toBe(true);
    } finally {
      await queues.close();
    }
  });
});

describe('readiness: a Redis that answers PING but not under the prefix', () => {
  let emulator: EmulatorHandle;
  let api: TestApi | undefined;
  let worker: ChildHandle | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  });
  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await api?.close();
    await emulator?.close();
  });

  it('the API is not ready on a node that does not own the slot (MOVED), and ready on the cluster', async () => {
    api = await startTestApi({ redisUrl: cluster.nodes[other]!.url, prefix });
    const answer = await fetch(`${api.url}/readyz`);
    expect(answer.status).toBe(503);
    const body = (await answer.json()) as { error: string; details: { redis: string } };
    expect(body.error).toBe('not_ready');
    expect(body.details.redis).toMatch(/^MOVED \d+ /);
    // A request meets the same MOVED: 503, Redis cannot serve it now (it was a 500).
    const submitted = await fetch(`${api.url}/v1/remedies`, {
      method: 'POST',
      headers: { ...api.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ playlist: DEMO_ACCOUNT.playlistId, mode: 'dry-run' }),
    });
    expect(submitted.status).toBe(503);
    expect(submitted.headers.get('retry-after')).not.toBeNull();
    await api.close();

    api = await startTestApi({ redis: cluster.config(other), prefix });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('a worker is not ready there either, and says why in its probe', async () => {
    worker = await startWorker(
      'fetcher',
      workerEnv(emulator, prefix, { REDIS_URL: cluster.nodes[other]!.url }),
    );
    const { healthPort } = JSON.parse(await worker.waitFor(/"msg":"worker running"/)) as {
      healthPort: number;
    };
    const checks = await waitUntil('the worker to report MOVED', async () => {
      const answer = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      const body = (await answer.json()) as { status: string; checks?: { redis: string } };
      return answer.status === 503 && body.checks?.redis.startsWith('MOVED ') ? body.checks : undefined;
    });
    expect(checks.redis).toMatch(/^MOVED \d+ 127\.0\.0\.1:\d+$/);

    // Every fetch of the next job fails with MOVED at once: the worker backs off instead of spinning, and
    // logs the error once per kind (it spun at thousands of lines a second).
    const before = worker.lines.length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const lines = worker.lines.slice(before);
    expect(lines.length, lines.join('\n')).toBeLessThan(10);
    expect(worker.lines.some((line) => line.includes('repeated Redis errors'))).toBe(true);
  });
});

describe('a remedy over the queues while its slot moves to another master', () => {
  const remedyPrefix = testPrefix('cluster-remedy');
  let emulator: EmulatorHandle;
  let api: TestApi;
  let workers: ChildHandle[] = [];
  beforeAll(async () => {
    // Each TIDAL call takes a little while, so the remedy is still running while the slot moves.
    emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0, latencyMs: 30 });
    const env = workerEnv(emulator, remedyPrefix, cluster.env());
    workers = await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)));
    api = await startTestApi({ redis: cluster.config(), prefix: remedyPrefix });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await api?.close();
    await emulator?.close();
  });

  it('completes with nothing lost and one playlist; /readyz stays 200, then 503 while the owner hangs, and back', async () => {
    const client = new ApiClient(api.url, TEST_TOKEN);
    const original = trackIdsOf(emulator, DEMO_ACCOUNT.playlistId)!;
    const { id } = await client.accepted({ playlist: DEMO_ACCOUNT.playlistId, mode: 'new', refresh: true });
    await waitUntil(
      'the remedy to be matching',
      async () => (await client.status(id)).status?.state === 'matching',
    );

    const slot = await cluster.slotOf(`${remedyPrefix}:x`);
    const from = await cluster.ownerOf(slot);
    const to = (from + 1) % 3;
    const probes: number[] = [];
    let migrating = true;
    const probing = (async () => {
      while (migrating) {
        probes.push((await fetch(`${api.url}/readyz`)).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const moved = await cluster.migrateSlot(slot, to, { batch: 5, pauseMs: 20 });
    migrating = false;
    await probing;
    // Moved while the remedy ran: matching is bound by the rate limit (10 calls a second).
    expect((await client.status(id)).status?.state).not.toBe('done');
    expect(moved).toBeGreaterThan(20);
    expect(await cluster.ownerOf(slot)).toBe(to);
    expect(probes.length).toBeGreaterThan(0);
    expect(
      probes.every((status) => status === 200),
      probes.join(' '),
    ).toBe(true);

    await expectCompletedOnce({
      client,
      redis: api.admin,
      prefix: remedyPrefix,
      emulator,
      id,
      original,
    });

    // The owner of the slot stops answering writes: not ready; it answers again: ready.
    await cluster.pauseWrites(to, 3_000);
    await waitUntil('/readyz to answer 503', async () => (await fetch(`${api.url}/readyz`)).status === 503);
    await waitUntil(
      '/readyz to answer 200 again',
      async () => (await fetch(`${api.url}/readyz`)).status === 200,
      {
        timeoutMs: 10_000,
      },
    );
  }, 90_000);
});
