import { RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyMode, RemedyRecord } from '@tidal-remedy/contracts';
import { RemedyQueues } from '@tidal-remedy/queue';
import { RemedyService, RemedyStore } from '@tidal-remedy/remedies';
import { workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { testPrefix } from '@tidal-remedy/test-support/redis';
import { type PrivateRedis, startPrivateRedis } from '@tidal-remedy/test-support/redis-server';
import {
  createPrng,
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  type Seed,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from './support/fleet.js';
import {
  expectedCopy,
  playlistsNamed,
  reportOf,
  trackIdsOf,
  unfinishedJobs,
} from './support/remedy-facts.js';

/**
 * What a hostile fault run does, in one test: many remedies at once in every mode (new, in-place, dry-run,
 * review), while every kind of worker is SIGKILLed at random and restarted, and Redis (with AOF) is killed
 * and started again in the middle. Checked: no remedy lost, none stuck, none failed, exactly one copy per
 * new remedy holding what its report says, in-place playlists edited as reported, no job left behind.
 *
 * CI runs a small round (CHAOS_PLAYLISTS=8, about 30 s); a larger one is for manual runs:
 * `CHAOS_PLAYLISTS=40 CHAOS_SECONDS=60 pnpm vitest run test/faults/chaos.test.ts`.
 */
const PLAYLISTS = Number(process.env.CHAOS_PLAYLISTS ?? 8);
const CHAOS_MS = Number(process.env.CHAOS_SECONDS ?? 12) * 1_000;
const prefix = testPrefix('chaos');
const fleet = new Fleet();
const WORKERS = ['fetcher', 'matcher', 'matcher', 'publisher'] as const;

let redis: PrivateRedis;
let client: Redis;
let emulator: EmulatorHandle;
let env: NodeJS.ProcessEnv;
/** The worker processes; null while one is starting in place of a killed one. */
let processes: Array<{ service: (typeof WORKERS)[number]; handle: ChildHandle | null }>;

// The emulator's seeded PRNG (mulberry32), so a failing round can be run again as it was.
const random = createPrng(Number(process.env.CHAOS_SEED ?? 14));

/** The demo user's playlists of this round: each a different slice of Road Trip Classics, so each has its own copy. */
function chaosSeed(bundled: Seed): { seed: Seed; ids: string[] } {
  const seed = structuredClone(bundled);
  const roadTrip = seed.playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!;
  const ids: string[] = [];
  for (let n = 0; n < PLAYLISTS; n++) {
    const id = `c0ffee00-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    ids.push(id);
    const from = n % 20;
    seed.playlists.push({
      ...roadTrip,
      id,
      name: `Chaos ${n}`,
      trackIds: roadTrip.trackIds.slice(from, from + 40),
    });
  }
  return { seed, ids };
}

let playlistIds: string[];
/** Each playlist's tracks before the round. */
const originals = new Map<string, string[]>();

beforeAll(async () => {
  redis = await startPrivateRedis({ persistent: true });
  const { seed, ids } = chaosSeed(await loadSeedFile(DEFAULT_SEED_PATH));
  playlistIds = ids;
  // A little latency, so that a kill finds jobs in flight.
  emulator = await startEmulator({ seed, port: 0, latencyMs: 15 });
  for (const id of ids) originals.set(id, trackIdsOf(emulator, id)!);
  client = new Redis(redis.url, { maxRetriesPerRequest: null });
  env = workerEnv(emulator, prefix, { REDIS_URL: redis.url, WORKER_LOCK_DURATION_MS: '2000' });
  processes = await Promise.all(
    WORKERS.map(async (service) => ({ service, handle: await fleet.start(service, env) })),
  );
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  client?.disconnect();
  await emulator?.close();
  await redis?.close();
});

/**
 * Kills a random running worker process with SIGKILL every so often and starts another of its kind (without
 * waiting for it), until `stop` says so; then waits for the replacements to run. Returns the kills by kind.
 */
async function killAtRandom(stop: () => boolean): Promise<Record<string, number>> {
  const kills: Record<string, number> = {};
  const starting: Promise<unknown>[] = [];
  while (!stop()) {
    await new Promise((resolve) => setTimeout(resolve, 200 + random() * 600));
    if (stop()) break;
    const at = Math.floor(random() * processes.length);
    const victim = processes[at]!;
    if (victim.handle === null) continue;
    await fleet.stop(victim.handle, 'SIGKILL');
    kills[victim.service] = (kills[victim.service] ?? 0) + 1;
    processes[at] = { service: victim.service, handle: null };
    starting.push(
      fleet.start(victim.service, env).then((handle) => {
        processes[at] = { service: victim.service, handle };
      }),
    );
  }
  await Promise.all(starting);
  return kills;
}

/** Approves a review remedy once it waits for review (the approval is what a person sends). */
async function approveWhenAwaiting(service: RemedyService, store: RemedyStore, id: string): Promise<void> {
  const record = await waitUntil(
    `remedy ${id} to await review`,
    async () => {
      const current = await store.get(id).catch(() => null);
      if (current?.state === 'failed')
        throw new Error(`review remedy ${id} failed: ${current.error?.message}`);
      return current?.state === 'awaiting-review' ? current : null;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  await service.review.approve(record, { mode: 'new' });
}

describe('random kills of every worker and a Redis restart over many remedies at once', () => {
  it('loses none, leaves none stuck, publishes each once and edits in place as reported', async () => {
    const started = Date.now();
    const queues = new RemedyQueues({ connection: client, prefix });
    const cache = new RedisStepCache(client);
    const service = new RemedyService({ redis: client, prefix, cache, queues });
    const store = new RemedyStore(client, prefix);
    // Every playlist gets one remedy; the mode goes round new, in-place, dry-run, review.
    const modes: RemedyMode[] = ['new', 'in-place', 'dry-run', 'review'];
    const remedies: Array<{ id: string; playlist: string; mode: RemedyMode }> = [];
    for (const [n, playlist] of playlistIds.entries()) {
      const mode = modes[n % modes.length]!;
      const { record } = await service.start({
        playlist,
        mode,
        unmatched: 'keep',
        countryCode: 'US',
        refresh: false,
      });
      remedies.push({ id: record.id, playlist, mode });
    }

    let calm = false;
    const chaos = killAtRandom(() => calm);
    const reviews = Promise.all(
      remedies
        .filter((remedy) => remedy.mode === 'review')
        .map((remedy) => approveWhenAwaiting(service, store, remedy.id)),
    );
    // Redis goes away in the middle, and comes back with what its AOF kept.
    await new Promise((resolve) => setTimeout(resolve, CHAOS_MS / 2));
    await redis.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.start({ persistent: true });
    await new Promise((resolve) => setTimeout(resolve, CHAOS_MS / 2));
    calm = true;
    const kills = await chaos;
    await reviews;

    const records = new Map<string, RemedyRecord>();
    for (const remedy of remedies) {
      records.set(
        remedy.id,
        await waitUntil(
          `remedy ${remedy.id} (${remedy.mode}) to finish`,
          async () => {
            const record = await store.get(remedy.id).catch(() => null);
            return record && (record.state === 'done' || record.state === 'failed') ? record : null;
          },
          { timeoutMs: 60_000, intervalMs: 200 },
        ).catch(async (error: unknown) => {
          // What the stuck remedy was doing, for whoever reads the failure.
          const record = await store.get(remedy.id).catch(() => null);
          const jobs = await unfinishedJobs(client, prefix);
          const lines = fleet
            .output()
            .split('\n')
            .filter((line) => line.includes(remedy.id))
            .slice(-8);
          throw new Error(
            `${(error as Error).message}\nrecord: ${JSON.stringify(record)}\njobs: ${JSON.stringify(jobs)}\n${lines.join('\n')}`,
          );
        }),
      );
    }
    for (const remedy of remedies) {
      const record = records.get(remedy.id)!;
      expect(record.error, `${remedy.id} ${remedy.mode}`).toBeNull();
      expect(record.state).toBe('done');
      const report = await reportOf(client, record.reportRef);
      const original = originals.get(remedy.playlist)!;
      const name = `Chaos ${playlistIds.indexOf(remedy.playlist)} (remedied)`;
      const copies = playlistsNamed(emulator, name);
      if (remedy.mode === 'new' || remedy.mode === 'review') {
        // Exactly one copy, the reported one, holding what the report says.
        expect(
          copies.map((copy) => copy.id),
          name,
        ).toEqual([report.published?.playlistId]);
        expect(trackIdsOf(emulator, copies[0]!.id)).toEqual(expectedCopy(original, report));
      } else {
        expect(copies, name).toEqual([]);
      }
      if (remedy.mode === 'in-place') {
        expect(report.published?.playlistId).toBe(remedy.playlist);
        expect(trackIdsOf(emulator, remedy.playlist)).toEqual(expectedCopy(original, report));
      } else {
        expect(trackIdsOf(emulator, remedy.playlist)).toEqual(original);
      }
      if (remedy.mode === 'dry-run') expect(report.published).toBeNull();
    }
    // Nothing left behind in any queue.
    for (const [queue, states] of Object.entries(await unfinishedJobs(client, prefix))) {
      expect(states, queue).toEqual({
        active: 0,
        waiting: 0,
        delayed: 0,
        prioritized: 0,
        'waiting-children': 0,
        failed: 0,
      });
    }
    await queues.close();
    // Every kind of worker died at least once.
    expect(Object.keys(kills).sort(), JSON.stringify(kills)).toEqual(['fetcher', 'matcher', 'publisher']);
    // Bounded: the round and the recovery after it.
    expect(Date.now() - started).toBeLessThan(CHAOS_MS + 45_000);
  }, 180_000);
});
