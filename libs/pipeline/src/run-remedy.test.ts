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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { type ProgressEvent, runRemedy } from './run-remedy.js';

let redis: Redis;
let emulator: EmulatorHandle;
const prefix = testPrefix('runner');
const request = {
  playlist: DEMO_ACCOUNT.playlistId,
  mode: 'dry-run',
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
} as const;

/** Fresh client (fresh call counts) over the shared cache, as each CLI run has. */
function deps(env: Record<string, string> = {}): PipelineDeps {
  const tidal = new TidalClient({
    credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
    apiUrl: emulator.url,
    authUrl: emulator.authUrl,
    tokenStore: new MemoryTokenStore(),
  });
  return { tidal, cache: new RedisStepCache(redis), prefix, versions: cacheVersionsFrom(env) };
}

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('runRemedy (mode 1) and the step cache', () => {
  it('reports progress through every step', async () => {
    const events: ProgressEvent[] = [];
    const report = await runRemedy(request, deps(), { onProgress: (event) => events.push(event) });
    expect(events[0]).toEqual({ step: 'fetch', status: 'started' });
    expect(events).toContainEqual({
      step: 'fetch',
      status: 'done',
      playlistName: 'Road Trip Classics',
      items: 60,
      unavailable: 15,
      cached: false,
    });
    expect(events).toContainEqual({ step: 'match', status: 'progress', done: 15, total: 15 });
    expect(events.at(-1)).toEqual({ step: 'publish', status: 'done' });
    expect(report.cache.match).toEqual({ hits: 0, misses: 15 });
  });

  it('a repeated remedy reads everything from the cache: only the metadata call', async () => {
    const report = await runRemedy(request, deps());
    expect(report.cache).toMatchObject({ fetch: { hits: 1, misses: 0 }, match: { hits: 15, misses: 0 } });
    expect(
      Object.keys(report.tidalCalls.byEndpoint).filter((endpoint) => !endpoint.includes('oauth2')),
    ).toEqual(['GET /playlists/{id}']);
  });

  it('bumping MATCH_CACHE_VERSION recomputes the matches only', async () => {
    const report = await runRemedy(request, deps({ MATCH_CACHE_VERSION: 'v-bumped' }));
    expect(report.cache.fetch).toEqual({ hits: 1, misses: 0 });
    expect(report.cache.match).toEqual({ hits: 0, misses: 15 });
    expect(report.tidalCalls.byEndpoint['GET /searchResults']).toBeGreaterThan(0);
  });

  it('refresh recomputes every step, and still writes the cache', async () => {
    const refreshed = await runRemedy({ ...request, refresh: true }, deps());
    expect(refreshed.cache).toMatchObject({ fetch: { hits: 0, misses: 1 }, match: { hits: 0, misses: 15 } });
    const after = await runRemedy(request, deps());
    expect(after.cache).toMatchObject({ fetch: { hits: 1, misses: 0 }, match: { hits: 15, misses: 0 } });
  });

  it('a corrupt cache entry is a miss, recomputed and overwritten', async () => {
    const keys = await redis.keys(`${prefix}:cache:fetch:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) await redis.set(key, '{"playlist": "not a snapshot"');
    const report = await runRemedy(request, deps());
    expect(report.cache.fetch).toEqual({ hits: 0, misses: 1 });
    expect((await runRemedy(request, deps())).cache.fetch).toEqual({ hits: 1, misses: 0 });
  });

  it('an edited playlist is read again', async () => {
    const tidal = deps().tidal;
    await tidal.addItems(DEMO_ACCOUNT.playlistId, ['122262260']);
    const report = await runRemedy(request, deps());
    expect(report.cache.fetch).toEqual({ hits: 0, misses: 1 });
    expect(report.counts.items).toBe(61);
    expect(report.cache.match).toEqual({ hits: 15, misses: 0 });
  });

  it('keeps decisions made under explicit: allow apart: an allow remedy matches afresh and says its policy', async () => {
    const report = await runRemedy({ ...request, explicit: 'allow' }, deps());
    expect(report.explicit).toBe('allow');
    expect(report.cache.match).toEqual({ hits: 0, misses: 15 });
    expect((await runRemedy(request, deps())).cache.match).toEqual({ hits: 15, misses: 0 });
  });

  it('writes keys exactly as the design says: <prefix>:cache:<step>:<version>:<sha256>', async () => {
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) {
      expect(key.startsWith(`${prefix}:cache:`), key).toBe(true);
      expect(key.slice(prefix.length), key).toMatch(
        /^:cache:(fetch|match|track-memory):(v\d+|v-bumped):[0-9a-f]{64}$/,
      );
    }
  });
});
