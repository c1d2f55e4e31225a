import { RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyReport } from '@tidal-remedy/contracts';
import { cacheVersionsFrom, runRemedy } from '@tidal-remedy/pipeline';
import { jobIds, RemedyQueues } from '@tidal-remedy/queue';
import { submitRemedy, waitForRemedy, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { MemoryTokenStore, TidalClient, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from './support/fleet.js';
import {
  decisionsOf,
  expectedCopy,
  playlistsNamed,
  reportOf,
  trackIdsOf,
  unfinishedJobs,
} from './support/remedy-facts.js';

/**
 * A worker process killed with SIGKILL in the middle of a job: its job is taken over by the next worker
 * once its lock expires (BullMQ's stalled-job check), and the remedy ends as if nothing had happened. The
 * workers run with a 2 s lock so the takeover comes within seconds.
 */
const prefix = testPrefix('crash');
const fleet = new Fleet();
const REMEDIED = 'Road Trip Classics (remedied)';
const base = { playlist: DEMO_ACCOUNT.playlistId, unmatched: 'keep', countryCode: 'US' } as const;
let redis: Redis;
let emulator: EmulatorHandle;
let env: NodeJS.ProcessEnv;
let fetcher: ChildHandle;
let publisher: ChildHandle;
let original: string[];
let expected: RemedyReport;

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  env = workerEnv(emulator, prefix, { WORKER_LOCK_DURATION_MS: '2000' });
  // The matcher is started by the first test, which kills it.
  [fetcher, publisher] = await Promise.all([fleet.start('fetcher', env), fleet.start('publisher', env)]);
  original = trackIdsOf(emulator, DEMO_ACCOUNT.playlistId)!;
  // The decisions an undisturbed remedy makes (mode 1, in this process), to compare the survivors with.
  expected = await runRemedy(
    { ...base, mode: 'dry-run', refresh: false },
    {
      tidal: new TidalClient({
        credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
        apiUrl: emulator.url,
        authUrl: emulator.authUrl,
        tokenStore: new MemoryTokenStore(),
      }),
      cache: new RedisStepCache(redis),
      prefix: testPrefix('crash-mode1'),
      versions: cacheVersionsFrom({}),
    },
  );
  emulator.clearRequests();
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** The remedy finished well, with every decision, and the one copy TIDAL holds is the expected playlist. */
async function expectCompleteRemedy(id: string) {
  const record = await waitForRemedy(redis, prefix, id, 45_000);
  expect(record.error).toBeNull();
  expect(record.state).toBe('done');
  expect(record.progress).toMatchObject({ items: 60, unavailable: 15, matched: 15 });
  const report = await reportOf(redis, record.reportRef);
  expect(decisionsOf(report)).toEqual(decisionsOf(expected));
  const copies = playlistsNamed(emulator, REMEDIED);
  expect(copies.map((copy) => copy.id)).toEqual([report.published?.playlistId]);
  expect(trackIdsOf(emulator, copies[0]!.id)).toEqual(expectedCopy(original, report));
  const creates = emulator.requests().filter((r) => r.method === 'POST' && r.path === '/playlists');
  expect(creates.map((r) => r.status)).toEqual([201]);
  const counts = await unfinishedJobs(redis, prefix);
  for (const [queue, states] of Object.entries(counts)) {
    expect(states, queue).toEqual({
      active: 0,
      waiting: 0,
      delayed: 0,
      prioritized: 0,
      'waiting-children': 0,
      failed: 0,
    });
  }
  return report;
}

describe('a worker killed with SIGKILL in the middle of a job', () => {
  it('the matcher, mid-batch: after a restart every decision is made and one playlist is published', async () => {
    // One search is held by TIDAL for a minute: the job that sent it is certainly running when the kill comes.
    emulator.injectFault({ method: 'GET', path: '/searchResults', delayMs: 60_000, count: 1 });
    const matcher = await fleet.start('matcher', env);
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'new', refresh: false });
    await waitUntil('a search held by the emulator', () =>
      emulator.inFlight().some((request) => request.path === '/searchResults'),
    );
    expect(await fleet.stop(matcher, 'SIGKILL')).toBe('SIGKILL');
    // What the dead matcher held: active in Redis, with nobody left to finish them.
    const queues = new RemedyQueues({ connection: redis, prefix });
    const match = queues.byStep.match;
    const orphans = await match.getJobs(['active']);
    expect(orphans.length).toBeGreaterThan(0);
    expect((await redis.hget(`${prefix}:remedy:${id}`, 'state')) ?? '').toBe('matching');
    await fleet.start('matcher', env);
    await expectCompleteRemedy(id);

    // The killed jobs were taken over as stalled, not failed and retried, and none ran to a second stall.
    const taken = await Promise.all(orphans.map((job) => match.getJob(job.id!)));
    await queues.close();
    for (const job of taken) {
      expect(await job?.getState()).toBe('completed');
      expect(job?.stalledCounter).toBe(1);
      expect(job?.attemptsMade).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it('the publisher, mid-write: the write TIDAL applied after the crash is not repeated, no second playlist', async () => {
    emulator.reset();
    // The first write of items is held 1.5 s: the publisher dies while it waits; TIDAL applies it after.
    emulator.injectFault({
      method: 'POST',
      path: '/playlists/{id}/relationships/items',
      delayMs: 1_500,
      count: 1,
    });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'new', refresh: true });
    await waitUntil('a write of items held by the emulator', () =>
      emulator.inFlight().some((request) => request.path === '/playlists/{id}/relationships/items'),
    );
    expect(await fleet.stop(publisher, 'SIGKILL')).toBe('SIGKILL');
    // TIDAL finishes the write nobody waits for any more: 50 items (one request's worth) land in the copy.
    const [copy] = await waitUntil('the held write applied', () => {
      const copies = playlistsNamed(emulator, REMEDIED);
      return copies[0]?.items.length === 50 && copies;
    });
    expect((await redis.hget(`${prefix}:remedy:${id}`, 'state')) ?? '').toBe('publishing');

    await fleet.start('publisher', env);
    const report = await expectCompleteRemedy(id);
    expect(report.published?.playlistId).toBe(copy!.id);
    const writes = emulator
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/playlists/{id}/relationships/items');
    // The held write (50 items; its client gone, so logged 499), then the rest (10) from the publisher
    // that took over: nothing twice.
    expect(writes.map((write) => write.status)).toEqual([499, 200]);
    const queues = new RemedyQueues({ connection: redis, prefix });
    const job = await queues.byStep.publish.getJob(jobIds.publish(id));
    await queues.close();
    expect(job?.stalledCounter).toBe(1);
  }, 60_000);

  it('the fetcher, twice on the same job: each death uses an attempt, the job runs a third time and ends well', async () => {
    emulator.reset();
    // The playlist read is held a minute, twice: both fetchers die while they wait for it.
    emulator.injectFault({ method: 'GET', path: '/playlists/{id}', delayMs: 60_000, count: 2 });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'dry-run', refresh: true });
    const heldReads = (status?: number) =>
      emulator
        .requests()
        .filter((r) => r.path === '/playlists/{id}' && (status === undefined || r.status === status)).length;
    for (const death of [1, 2]) {
      await waitUntil(`playlist read ${death} held by the emulator`, () =>
        emulator.inFlight().some((request) => request.path === '/playlists/{id}'),
      );
      expect(await fleet.stop(fetcher, 'SIGKILL')).toBe('SIGKILL');
      await waitUntil(`the read of the dead fetcher ${death} dropped`, () => heldReads(499) === death);
      fetcher = await fleet.start('fetcher', env);
    }
    const record = await waitForRemedy(redis, prefix, id, 45_000);
    expect(record.error).toBeNull();
    expect(record.state).toBe('done');
    const queues = new RemedyQueues({ connection: redis, prefix });
    const job = await queues.byStep.fetch.getJob(jobIds.fetch(id, 0));
    await queues.close();
    expect(job?.stalledCounter).toBe(2);
    expect(await job?.getState()).toBe('completed');
    // What the third fetcher said when it took the job over: the worker died, and what happens now.
    expect(fleet.output()).toContain(
      'the fetch worker running this job died 2 times (killed, out of memory, or cut off from Redis); running it again as attempt 3 of 5',
    );
  }, 60_000);
});
