import { RedisStepCache } from '@tidal-remedy/cache';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { unavailable } from '@tidal-remedy/test-support/tracks';
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
import { matchStep } from './match-step.js';

let redis: Redis;
let emulator: EmulatorHandle;
const prefix = testPrefix('match-step');

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('matchStep: details TIDAL hides', () => {
  it("never searches the catalog for 'Unavailable' by 'Unknown Artist'", async () => {
    const tidal = new TidalClient({
      credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
      apiUrl: emulator.url,
      authUrl: emulator.authUrl,
      tokenStore: new MemoryTokenStore(),
    });
    emulator.clearRequests();
    const output = await matchStep(
      { tidal, cache: new RedisStepCache(redis), prefix, versions: cacheVersionsFrom({}) },
      {
        original: unavailable('hidden-1', {
          title: 'Unavailable',
          artists: [{ id: '0', name: 'Unknown Artist' }],
          isrc: null,
        }),
        isrcTwin: null,
        countryCode: 'US',
        refresh: true,
        explicit: 'strict',
      },
    );
    expect(output.decision.decision).toBe('none');
    expect(output.decision.reasons[0]).toMatch(/^TIDAL hides this track's details/);
    expect(emulator.requests().filter((request) => request.path.startsWith('/searchResults'))).toEqual([]);
  });
});
