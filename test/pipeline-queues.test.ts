import { RedisStepCache } from '@tidal-remedy/cache';
import { type RemedyReport, RemedyReportSchema } from '@tidal-remedy/contracts';
import { cacheVersionsFrom, runRemedy } from '@tidal-remedy/pipeline';
import {
  startWorker,
  stopWorker,
  submitRemedy,
  WORKER_SERVICES,
  waitForRemedy,
  workerEnv,
} from '@tidal-remedy/test-support/pipeline';
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
import { generateSeedWithDemo } from '../services/tidal-emulator/scripts/generate-seed.js';

const prefix = testPrefix('queues');
let redis: Redis;
let emulator: EmulatorHandle;
let workers: ChildHandle[] = [];

const base = {
  playlist: DEMO_ACCOUNT.playlistId,
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
} as const;

async function reportOf(id: string): Promise<RemedyReport> {
  const record = await waitForRemedy(redis, prefix, id);
  expect(record.error, `remedy failed: ${record.error?.message}`).toBeNull();
  expect(record.state).toBe('done');
  const report = await new RedisStepCache(redis).get(record.reportRef!, RemedyReportSchema);
  return report!;
}

const trackIdsOf = (playlistId: string) =>
  emulator
    .state()
    .playlists.find((playlist) => playlist.id === playlistId)
    ?.items.map((item) => item.trackId);

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  const env = workerEnv(emulator, prefix);
  workers = await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('a remedy over the queues (mode 2), three worker processes', () => {
  let first: RemedyReport;

  it('publishes a new playlist holding the original order with replacements in place', async () => {
    const before = trackIdsOf(DEMO_ACCOUNT.playlistId);
    first = await reportOf(await submitRemedy(redis, prefix, { ...base, mode: 'new' }));
    expect(first.counts).toMatchObject({ items: 60, unavailable: 15 });
    expect(first.counts.replacedByIsrc).toBe(5);
    expect(first.published).not.toBeNull();

    const published = trackIdsOf(first.published!.playlistId);
    const replacements = new Map(
      first.items.map((item) => [item.position, item.replacement?.id ?? item.original.id]),
    );
    expect(published).toEqual(before!.map((trackId, position) => replacements.get(position) ?? trackId));
    expect(trackIdsOf(DEMO_ACCOUNT.playlistId)).toEqual(before);
  });

  it('decides every demo item as a careful person would (seed/DEMO.md)', () => {
    const { demo } = generateSeedWithDemo();
    const decided = first.items.map((item) => [item.position, item.decision, item.replacement?.id ?? null]);
    expect(decided).toEqual(demo.map((expected) => [expected.position, expected.kind, expected.pickId]));
  });

  it('makes the same decisions as the one-process runner (mode 1)', async () => {
    const tidal = new TidalClient({
      credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
      apiUrl: emulator.url,
      authUrl: emulator.authUrl,
      tokenStore: new MemoryTokenStore(),
    });
    const local = await runRemedy(
      { ...base, mode: 'dry-run' },
      {
        tidal,
        cache: new RedisStepCache(redis),
        prefix: testPrefix('mode1'),
        versions: cacheVersionsFrom({}),
      },
    );
    const decisions = (report: RemedyReport) =>
      report.items.map((item) => [item.position, item.decision, item.replacement?.id ?? null]);
    expect(decisions(local)).toEqual(decisions(first));
  });

  it('does not match again when the same remedy runs twice: only the metadata read and the copy checked', async () => {
    const again = await reportOf(await submitRemedy(redis, prefix, { ...base, mode: 'new' }));
    expect(again.cache.fetch).toEqual({ hits: 1, misses: 0 });
    expect(again.cache.match).toEqual({ hits: 15, misses: 0 });
    expect(again.published).toEqual({ ...first.published, reused: true });
    // The playlist's metadata, and the copy published before (still among the user's own, so reused).
    expect(again.tidalCalls.byEndpoint).toEqual({ 'GET /playlists/{id}': 1, 'GET /playlists': 1 });
  });

  it('dry-run writes nothing, and says what it would do', async () => {
    const writes = () =>
      emulator.requests().filter((request) => request.method !== 'GET' && !request.path.includes('oauth2'))
        .length;
    const writesBefore = writes();
    const stateBefore = emulator.state();
    const report = await reportOf(
      await submitRemedy(redis, prefix, { ...base, mode: 'dry-run', refresh: true }),
    );
    expect(report.published).toBeNull();
    expect(report.items.map((item) => item.replacement?.id ?? null)).toEqual(
      first.items.map((item) => item.replacement?.id ?? null),
    );
    expect(writes()).toBe(writesBefore);
    expect(emulator.state()).toEqual(stateBefore);
  });

  it('in-place replaces each unavailable item at its position, and drops unmatched ones when asked', async () => {
    const before = trackIdsOf(DEMO_ACCOUNT.playlistId)!;
    const report = await reportOf(
      await submitRemedy(redis, prefix, { ...base, mode: 'in-place', unmatched: 'drop' }),
    );
    expect(report.published?.playlistId).toBe(DEMO_ACCOUNT.playlistId);
    const fates = new Map(report.items.map((item) => [item.position, item.replacement?.id ?? null]));
    const expected = before.flatMap((trackId, position) => {
      if (!fates.has(position)) return [trackId];
      const replacement = fates.get(position);
      return replacement ? [replacement] : [];
    });
    expect(trackIdsOf(DEMO_ACCOUNT.playlistId)).toEqual(expected);
    expect(expected.length).toBe(60 - report.counts.unmatched);
  });
});
