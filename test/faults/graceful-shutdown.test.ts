import { QUEUE_NAMES, RemedyQueues } from '@tidal-remedy/queue';
import { submitRemedy, waitForRemedy, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from './support/fleet.js';
import { playlistsNamed, trackIdsOf, unfinishedJobs } from './support/remedy-facts.js';

/**
 * SIGTERM while a worker is in the middle of a job (a rolling update, a scale-down): the worker stops
 * taking jobs, lets the running one finish, and exits 0; when the job outlasts SHUTDOWN_TIMEOUT_MS, the
 * worker leaves anyway and the job goes to another worker once its lock expires (2 s here). Either way no
 * job stays active once the workers are gone and back.
 */
const prefix = testPrefix('shutdown');
const fleet = new Fleet();
const REMEDIED = 'Road Trip Classics (remedied)';
const base = { playlist: DEMO_ACCOUNT.playlistId, unmatched: 'keep', countryCode: 'US' } as const;
let redis: Redis;
let emulator: EmulatorHandle;
let env: NodeJS.ProcessEnv;
let matcher: ChildHandle;
let publisher: ChildHandle;

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  env = workerEnv(emulator, prefix, { WORKER_LOCK_DURATION_MS: '2000' });
  [, matcher, publisher] = await Promise.all([
    fleet.start('fetcher', env),
    fleet.start('matcher', env),
    fleet.start('publisher', env),
  ]);
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const activeJobs = async () =>
  Object.values(await unfinishedJobs(redis, prefix)).reduce((sum, states) => sum + states.active, 0);

describe('SIGTERM in the middle of a job', () => {
  it('the publisher finishes the playlist it is writing, then exits 0', async () => {
    emulator.injectFault({
      method: 'POST',
      path: '/playlists/{id}/relationships/items',
      delayMs: 1_500,
      count: 1,
    });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'new', refresh: false });
    await waitUntil('a write of items held by the emulator', () =>
      emulator.inFlight().some((request) => request.path === '/playlists/{id}/relationships/items'),
    );
    expect(await fleet.stop(publisher, 'SIGTERM')).toBe(0);
    expect(publisher.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    // Done by the publisher that was told to stop: nobody else could have finished it.
    const record = await waitForRemedy(redis, prefix, id, 5_000);
    expect(record.error).toBeNull();
    expect(record.state).toBe('done');
    const copies = playlistsNamed(emulator, REMEDIED);
    expect(copies).toHaveLength(1);
    expect(trackIdsOf(emulator, copies[0]!.id)).toHaveLength(60);
    expect(await activeJobs()).toBe(0);
    publisher = await fleet.start('publisher', env);
  }, 60_000);

  it('a job that outlasts SHUTDOWN_TIMEOUT_MS: the matcher leaves, and the job is taken over, not lost', async () => {
    await fleet.stop(matcher, 'SIGTERM');
    const impatient = await fleet.start('matcher', { ...env, SHUTDOWN_TIMEOUT_MS: '1000' });
    emulator.injectFault({ method: 'GET', path: '/searchResults', delayMs: 30_000, count: 1 });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'dry-run', refresh: true });
    await waitUntil('a search held by the emulator', () =>
      emulator.inFlight().some((request) => request.path === '/searchResults'),
    );
    expect(await fleet.stop(impatient, 'SIGTERM')).toBe(1);
    expect(impatient.lines.some((line) => line.includes('"msg":"stop took too long; leaving now"'))).toBe(
      true,
    );
    // The job it could not finish is still locked to it, for now.
    const queues = new RemedyQueues({ connection: redis, prefix });
    const match = queues.byStep.match;
    const orphans = await match.getJobs(['active']);
    expect(orphans.length).toBeGreaterThan(0);

    matcher = await fleet.start('matcher', env);
    const record = await waitForRemedy(redis, prefix, id, 30_000);
    expect(record.error).toBeNull();
    expect(record.state).toBe('done');
    for (const orphan of orphans) {
      const job = await match.getJob(orphan.id!);
      expect(await job?.getState()).toBe('completed');
    }
    await queues.close();
    expect(await unfinishedJobs(redis, prefix)).toEqual(
      Object.fromEntries(
        Object.values(QUEUE_NAMES).map((name) => [
          name,
          { active: 0, waiting: 0, delayed: 0, prioritized: 0, 'waiting-children': 0, failed: 0 },
        ]),
      ),
    );
  }, 60_000);
});
