import { RedisStepCache } from '@tidal-remedy/cache';
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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { runRemedy } from './run-remedy.js';
import { NothingToUndoError, PlaylistChangedSinceError, undoInPlace } from './undo-in-place.js';

let redis: Redis;
let emulator: EmulatorHandle;
let prefix: string;
/** Every emulator write a second apart, so each one moves the playlist's lastModifiedAt. */
let clock = Date.parse('2026-12-01T00:00:00Z');
const request = {
  playlist: DEMO_ACCOUNT.playlistId,
  mode: 'in-place',
  unmatched: 'drop',
  countryCode: 'US',
  refresh: true,
} as const;

function deps(): PipelineDeps {
  const tidal = new TidalClient({
    credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
    apiUrl: emulator.url,
    authUrl: emulator.authUrl,
    tokenStore: new MemoryTokenStore(),
  });
  return { tidal, cache: new RedisStepCache(redis), prefix, versions: cacheVersionsFrom({}) };
}

const playlistWrites = () =>
  emulator.requests().filter((r) => r.method !== 'GET' && r.path.startsWith('/playlists')).length;
const itemsOf = () =>
  emulator.state().playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!.items;

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({
    seed: await loadSeedFile(DEFAULT_SEED_PATH),
    port: 0,
    now: () => (clock += 1000),
  });
});
beforeEach(() => {
  emulator.reset();
  prefix = testPrefix('undo');
});
afterAll(async () => {
  await emulator?.close();
  await deletePrefix(redis, 'test:undo');
  redis.disconnect();
});

describe('undo of an in-place edit', () => {
  it('puts every track back at its position, removes what was inserted, and is idempotent', async () => {
    const before = itemsOf().map((item) => item.trackId);
    const report = await runRemedy(request, deps());
    expect(report.published?.undo?.removed.length).toBeGreaterThan(0);
    const edited = itemsOf().map((item) => item.trackId);
    expect(edited).not.toEqual(before);

    const first = await undoInPlace(deps(), report.remedyId, report.published);
    expect(first.alreadyUndone).toBe(false);
    const after = itemsOf().map((item) => item.trackId);
    // Position by position, the playlist as it was before the edit.
    expect(after.length).toBe(before.length);
    for (const [position, trackId] of before.entries())
      expect([position, after[position]]).toEqual([position, trackId]);

    const writes = playlistWrites();
    const again = await undoInPlace(deps(), report.remedyId, report.published);
    expect(again).toEqual({ ...first, alreadyUndone: true });
    expect(playlistWrites()).toBe(writes);
    expect(itemsOf().map((item) => item.trackId)).toEqual(before);
  });

  it('refuses, changing nothing, once the playlist was modified after the edit', async () => {
    const report = await runRemedy(request, deps());
    await deps().tidal.addItems(DEMO_ACCOUNT.playlistId, [itemsOf()[0]!.trackId]);
    const changed = itemsOf().map((item) => item.itemId);
    const error = await undoInPlace(deps(), report.remedyId, report.published).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylistChangedSinceError);
    expect((error as Error).message).toMatch(/was changed after tidal-remedy edited it.*Nothing was changed/);
    expect(itemsOf().map((item) => item.itemId)).toEqual(changed);
  });

  it('says there is nothing to undo for a remedy that did not edit in place', async () => {
    const report = await runRemedy({ ...request, mode: 'dry-run' }, deps());
    await expect(undoInPlace(deps(), report.remedyId, report.published)).rejects.toBeInstanceOf(
      NothingToUndoError,
    );
  });
});
