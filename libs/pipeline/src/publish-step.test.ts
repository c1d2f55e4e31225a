import { RedisStepCache } from '@tidal-remedy/cache';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { MemoryTokenStore, TidalClient, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import { type EmulatorHandle, startEmulator } from '@tidal-remedy/tidal-emulator';
import { FIXTURE, fixtureSeed } from '@tidal-remedy/tidal-emulator/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import { fetchStep } from './fetch-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { publishStep } from './publish-step.js';

let redis: Redis;
let emulator: EmulatorHandle;
const prefix = testPrefix('publish');

function deps(): PipelineDeps {
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

const calls = (method: string, path: string) =>
  emulator.requests().filter((request) => request.method === method && request.path === path).length;

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: fixtureSeed(), port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('publishStep, mode new', () => {
  it('writes without looking for an earlier copy the first time, and resumes one a crash left half-written', async () => {
    const { snapshot } = await fetchStep(deps(), {
      playlistId: FIXTURE.playlistId,
      countryCode: FIXTURE.countryCode,
      refresh: false,
    });
    // Dropping the unavailable tracks changes the playlist (59 of 61 items left: two writes of items).
    const input = { snapshot, decisions: new Map(), mode: 'new', unmatched: 'drop', refresh: false } as const;
    emulator.clearRequests();

    // The first attempt creates the playlist, then dies on its first write of items.
    emulator.injectFault({ status: 500, method: 'POST', path: '/playlists/{id}/relationships/items' });
    await expect(publishStep(deps(), input)).rejects.toThrow();
    expect(calls('POST', '/playlists')).toBe(1);
    expect(calls('GET', '/playlists')).toBe(0);

    // The retry knows a playlist may exist, finds it by its marker, and fills it.
    const retried = await publishStep(deps(), input);
    expect(calls('GET', '/playlists')).toBeGreaterThan(0);
    expect(calls('POST', '/playlists')).toBe(1);
    const written = emulator
      .state()
      .playlists.filter((playlist) => playlist.description.includes('tidal-remedy:'));
    expect(written.map((playlist) => playlist.id)).toEqual([retried.published?.playlistId]);
    expect(written[0]?.items.map((item) => item.trackId)).toEqual(retried.plan.targetTrackIds);

    // Once done, the same remedy is answered from the cache.
    const again = await publishStep(deps(), input);
    expect(again).toMatchObject({ hit: true, published: { playlistId: retried.published?.playlistId } });
  });
});
