import { RedisStepCache } from '@tidal-remedy/cache';
import { hidesDetails } from '@tidal-remedy/matching';
import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { unavailable } from '@tidal-remedy/test-support/tracks';
import { MemoryTokenStore, TidalClient, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import { type EmulatorHandle, type SeedInput, startEmulator } from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import { fetchStep } from './fetch-step.js';
import { matchStep } from './match-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { planMatches } from './plan-matches.js';
import { recallTrack } from './track-memory.js';

let redis: Redis;
const emulators: EmulatorHandle[] = [];
const prefixes: string[] = [];

beforeAll(() => {
  redis = connectRedis();
});
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** The fixture's TIDAL, with the details of "Go Your Own Way" (track 106) hidden or not. */
async function tidalWith(hidden: boolean): Promise<EmulatorHandle> {
  const seed: SeedInput = fixtureSeed();
  seed.tracks = seed.tracks.map((track) =>
    track.id === FIXTURE.hiddenTrackId ? { ...track, detailsHidden: hidden } : track,
  );
  const emulator = await startEmulator({ seed });
  emulators.push(emulator);
  return emulator;
}

function depsFor(emulator: EmulatorHandle, prefix: string): PipelineDeps {
  const tidal = new TidalClient({
    credentials: TidalCredentialsSchema.parse({
      client_id: FIXTURE.userClient.clientId,
      client_secret: FIXTURE.userClient.clientSecret,
      refresh_token: FIXTURE.userClient.refreshToken,
    }),
    apiUrl: emulator.url,
    authUrl: emulator.authUrl,
    tokenStore: new MemoryTokenStore(),
    retry: { maxRetries: 0 },
  });
  return { tidal, cache: new RedisStepCache(redis), prefix, versions: cacheVersionsFrom({}) };
}

function freshPrefix(): string {
  const prefix = testPrefix('memory');
  prefixes.push(prefix);
  return prefix;
}

const fetchHidden = (deps: PipelineDeps) =>
  fetchStep(deps, { playlistId: FIXTURE.hiddenPlaylistId, countryCode: 'US', refresh: true });

async function matchHiddenTrack(deps: PipelineDeps) {
  const { snapshot } = await fetchHidden(deps);
  const plan = await planMatches(deps, snapshot, true, 'strict');
  const task = plan.tasks.find((entry) => entry.original.id === FIXTURE.hiddenTrackId);
  if (!task) throw new Error('the hidden track is not among the tracks to match');
  return matchStep(deps, {
    original: task.original,
    isrcTwin: task.isrcTwin,
    countryCode: 'US',
    explicit: 'strict',
    refresh: true,
  });
}

describe('the memory of tracks’ details', () => {
  it('tells the playlist name as soon as the metadata arrives', async () => {
    const deps = depsFor(await tidalWith(false), freshPrefix());
    const told: Array<{ name: string; calls: number }> = [];
    const calls = () => Object.values(deps.tidal.stats.snapshot().byEndpoint).reduce((a, b) => a + b, 0);
    const { snapshot } = await fetchStep(deps, {
      playlistId: FIXTURE.hiddenPlaylistId,
      countryCode: 'US',
      refresh: true,
      onPlaylistName: async (name) => {
        told.push({ name, calls: calls() });
      },
    });
    expect(told.map((entry) => entry.name)).toEqual([snapshot.playlist.name]);
    // Told after the one call that brings the metadata (and the first page of items).
    expect(told[0]!.calls).toBeGreaterThan(0);
  });

  it('every fetch remembers the details of the tracks it read', async () => {
    const prefix = freshPrefix();
    const deps = depsFor(await tidalWith(false), prefix);
    const { snapshot } = await fetchHidden(deps);
    const remembered = await recallTrack(deps, FIXTURE.hiddenTrackId);
    expect(remembered?.track).toMatchObject({
      title: 'Go Your Own Way',
      artists: [{ name: 'Fleetwood Mac' }],
    });
    expect(remembered?.seenAt).toBe(snapshot.fetchedAt);
  });

  it('matches a track whose details TIDAL now hides on what an earlier read saw of it', async () => {
    const prefix = freshPrefix();
    await fetchHidden(depsFor(await tidalWith(false), prefix));

    const hiding = await tidalWith(true);
    const { decision } = await matchHiddenTrack(depsFor(hiding, prefix));
    expect(decision).toMatchObject({ decision: 'isrc', replacement: { id: '107' } });
    expect(decision.reasons[0]).toMatch(
      /^TIDAL hides this track's details now; matched on what a read of \d{4}-\d\d-\d\d remembered: 'Go Your Own Way' by Fleetwood Mac\.$/,
    );
    // The memory still holds the details: the read that found them hidden did not overwrite them.
    expect((await recallTrack(depsFor(hiding, prefix), FIXTURE.hiddenTrackId))?.track.title).toBe(
      'Go Your Own Way',
    );
  });

  it('with nothing remembered, says so and searches for nothing', async () => {
    const hiding = await tidalWith(true);
    const { decision } = await matchHiddenTrack(depsFor(hiding, freshPrefix()));
    expect(decision).toMatchObject({ decision: 'none', replacement: null });
    expect(decision.reasons).toContain(
      `No earlier read of a playlist holding track ${FIXTURE.hiddenTrackId} remembered its details, so there is nothing to match it on.`,
    );
    expect(hiding.requests().filter((request) => request.path.startsWith('/searchResults'))).toEqual([]);
  });

  it('never searches for "Unknown Artist": a placeholder is no details at all', async () => {
    const emulator = await tidalWith(true);
    const placeholder = unavailable('999001', {
      title: 'Unavailable',
      artists: [{ id: '0', name: 'Unknown Artist' }],
    });
    expect(hidesDetails(placeholder)).toBe(true);
    const { decision } = await matchStep(depsFor(emulator, freshPrefix()), {
      original: placeholder,
      isrcTwin: null,
      countryCode: 'US',
      explicit: 'strict',
      refresh: true,
    });
    expect(decision.decision).toBe('none');
    expect(decision.reasons.join(' ')).toMatch(/nothing to match it on/);
    expect(emulator.requests().filter((request) => request.path.startsWith('/searchResults'))).toEqual([]);
  });
});
