import { RedisStepCache } from '@tidal-remedy/cache';
import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { MemoryTokenStore, TidalClient, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import { type EmulatorHandle, startEmulator } from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import { fetchStep } from './fetch-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { ItemIdMissingError, publishStep } from './publish-step.js';

let redis: Redis;
let emulator: EmulatorHandle;
const prefix = testPrefix('publish');

function clientFor(
  target: EmulatorHandle,
  client: { clientId: string; clientSecret?: string; refreshToken: string } = FIXTURE.userClient,
): TidalClient {
  return new TidalClient({
    credentials: TidalCredentialsSchema.parse({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: client.refreshToken,
    }),
    apiUrl: target.url,
    authUrl: target.authUrl,
    tokenStore: new MemoryTokenStore(),
    retry: { maxRetries: 0 },
  });
}

function deps(): PipelineDeps {
  return {
    tidal: clientFor(emulator),
    cache: new RedisStepCache(redis),
    prefix,
    versions: cacheVersionsFrom({}),
  };
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

  it('publishes anew when the copy it wrote earlier was deleted in TIDAL, instead of reporting it', async () => {
    const { snapshot } = await fetchStep(deps(), {
      playlistId: FIXTURE.playlistId,
      countryCode: FIXTURE.countryCode,
      refresh: false,
    });
    const input = { snapshot, decisions: new Map(), mode: 'new', unmatched: 'drop', refresh: false } as const;
    const first = await publishStep(deps(), input);
    const gone = first.published!.playlistId;
    await clientFor(emulator).deletePlaylist(gone);
    emulator.clearRequests();

    const after = await publishStep(deps(), input);
    expect(after.hit).toBe(false);
    expect(after.published).toMatchObject({ reused: false });
    expect(after.published?.playlistId).not.toBe(gone);
    expect(calls('POST', '/playlists')).toBe(1);
    const copy = emulator.state().playlists.find((playlist) => playlist.id === after.published?.playlistId);
    expect(copy?.items.map((item) => item.trackId)).toEqual(after.plan.targetTrackIds);

    // The new copy is what the cache answers from now on, once TIDAL confirms it is still there.
    expect(await publishStep(deps(), input)).toMatchObject({
      hit: true,
      published: { playlistId: after.published?.playlistId, reused: true },
    });
  });
});

describe('publishStep, the same remedy under another account', () => {
  it("publishes the other account's own copy instead of reusing the first account's", async () => {
    const { snapshot } = await fetchStep(deps(), {
      playlistId: FIXTURE.playlistId,
      countryCode: FIXTURE.countryCode,
      refresh: false,
    });
    const input = { snapshot, decisions: new Map(), mode: 'new', unmatched: 'drop', refresh: false } as const;
    const mine = await publishStep(deps(), input);
    const theirs = await publishStep({ ...deps(), tidal: clientFor(emulator, FIXTURE.otherClient) }, input);
    expect(theirs.hit).toBe(false);
    expect(theirs.published?.playlistId).not.toBe(mine.published?.playlistId);
    const copy = emulator.state().playlists.find((playlist) => playlist.id === theirs.published?.playlistId);
    expect(copy?.ownerId).toBe(FIXTURE.otherUserId);
  });
});

describe('publishStep, after TIDAL forgot its idempotency keys', () => {
  it('a retry more than an hour later still creates no second playlist', async () => {
    // TIDAL replays a write for one hour; after that the same key runs it again. The marker, not the
    // key, is what keeps a late retry from writing twice.
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const late = await startEmulator({
      seed: fixtureSeed(),
      port: 0,
      now: () => clock,
      tokenLifetimeSeconds: 7 * 86_400,
    });
    try {
      const lateDeps = (): PipelineDeps => ({ ...deps(), tidal: clientFor(late) });
      const { snapshot } = await fetchStep(lateDeps(), {
        playlistId: FIXTURE.playlistId,
        countryCode: FIXTURE.countryCode,
        refresh: true,
      });
      const input = {
        snapshot,
        decisions: new Map(),
        mode: 'new',
        unmatched: 'drop',
        refresh: true,
      } as const;
      late.injectFault({ status: 500, method: 'POST', path: '/playlists/{id}/relationships/items' });
      await expect(publishStep(lateDeps(), input)).rejects.toThrow();
      const created = late
        .state()
        .playlists.filter((playlist) => playlist.description.includes('tidal-remedy:'));
      expect(created).toHaveLength(1);

      clock += 2 * 60 * 60 * 1000;
      // The key is forgotten: the same create, sent again as is, makes a second playlist…
      const probe = await clientFor(late).createPlaylist({ name: 'probe' }, { idempotencyKey: 'probe-key' });
      clock += 2 * 60 * 60 * 1000;
      const again = await clientFor(late).createPlaylist({ name: 'probe' }, { idempotencyKey: 'probe-key' });
      expect(again.id).not.toBe(probe.id);
      // …but the publish step, retried, finds its playlist by its marker and finishes it.
      const retried = await publishStep(lateDeps(), input);
      const written = late
        .state()
        .playlists.filter((playlist) => playlist.description.includes('tidal-remedy:'));
      expect(written.map((playlist) => playlist.id)).toEqual([created[0]?.id]);
      expect(retried.published?.playlistId).toBe(created[0]?.id);
      expect(written[0]?.items.map((item) => item.trackId)).toEqual(retried.plan.targetTrackIds);
    } finally {
      await late.close();
    }
  });
});

describe('publishStep, in place', () => {
  it('refuses to edit when TIDAL sent an item it must name without an item id, naming the item', async () => {
    const { snapshot } = await fetchStep(deps(), {
      playlistId: FIXTURE.playlistId,
      countryCode: FIXTURE.countryCode,
      refresh: false,
    });
    const withoutId = {
      ...snapshot,
      items: snapshot.items.map((item) =>
        item.track.id === FIXTURE.notInUsTrackId ? { ...item, itemId: null } : item,
      ),
    };
    emulator.clearRequests();
    const error = await publishStep(deps(), {
      snapshot: withoutId,
      decisions: new Map(),
      mode: 'in-place',
      unmatched: 'drop',
      refresh: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemIdMissingError);
    expect((error as Error).message).toBe(
      'TIDAL sent the item at position 1 (Queen – Bohemian Rhapsody) without an item id, and editing the ' +
        'playlist in place needs it to remove or insert there. Nothing was changed; publish in mode new ' +
        'instead (a corrected copy needs no item ids).',
    );
    expect(emulator.requests().filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
