import { randomUUID } from 'node:crypto';
import { redisUrl } from '@tidal-remedy/test-support/redis';
import { clientFor, FIXTURE, startFixtureEmulator } from '@tidal-remedy/test-support/tidal-emulator';
import type { EmulatorHandle } from '@tidal-remedy/tidal-emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTidalCredentials } from './credentials.js';
import { RedisTokenStore } from './redis-token-store.js';

describe('RedisTokenStore', () => {
  const connections: Redis[] = [];
  let prefix = '';
  let emulator: EmulatorHandle;
  const connect = () => {
    const redis = new Redis(redisUrl(), { lazyConnect: false, maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    emulator = await startFixtureEmulator();
  });

  afterEach(async () => {
    const redis = connections[0] ?? connect();
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 100 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
    emulator.reset();
  });

  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit()));
    await emulator.close();
  });

  const replica = () => {
    return clientFor(emulator, {
      // Only a refresh token: every replica must obtain an access token from TIDAL (or from a sibling).
      credentials: parseTidalCredentials({
        client_id: FIXTURE.userClient.clientId,
        refresh_token: FIXTURE.userClient.refreshToken,
      }),
      tokenStore: new RedisTokenStore(connect(), { prefix }),
    });
  };

  it('lets replicas share one token: a single refresh for a fleet starting together', async () => {
    prefix = `{tr-test-${randomUUID()}}`;
    const replicas = [replica(), replica(), replica()];
    await Promise.all(replicas.map((client) => client.getPlaylist(FIXTURE.playlistId)));
    expect(emulator.requests().filter((r) => r.path === '/oauth2/token')).toHaveLength(1);
    const keys = await connections[0]!.keys(`${prefix}:*`); // a handful of keys under a unique prefix
    expect(keys).toEqual([expect.stringMatching(/^\{tr-test-[0-9a-f-]+\}:tidal:token:[0-9a-f]{32}$/)]);
  });

  it('after a 401 on every replica, one refreshes and the others take its token', async () => {
    prefix = `{tr-test-${randomUUID()}}`;
    const replicas = [replica(), replica(), replica()];
    await Promise.all(replicas.map((client) => client.getPlaylist(FIXTURE.playlistId)));
    emulator.expireTokens();
    emulator.clearRequests();
    await Promise.all(replicas.map((client) => client.getPlaylist(FIXTURE.playlistId)));
    const requests = emulator.requests();
    expect(requests.filter((r) => r.path === '/oauth2/token')).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/playlists/{id}' && r.status === 200)).toHaveLength(3);
  });

  it('keeps the token with a TTL, stores no plain secret in the key, and reads back what it wrote', async () => {
    prefix = `{tr-test-${randomUUID()}}`;
    const redis = connect();
    const store = new RedisTokenStore(redis, { prefix });
    const token = { accessToken: 'a-token', expiresAt: Date.now() + 60_000, refreshToken: 'r' };
    await store.set('k1', token);
    expect(await store.get('k1')).toEqual(token);
    const ttl = await redis.pttl(store.tokenKey('k1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('treats a corrupt entry as absent and reports it', async () => {
    prefix = `{tr-test-${randomUUID()}}`;
    const redis = connect();
    const corrupt: string[] = [];
    const store = new RedisTokenStore(redis, { prefix, onCorruptEntry: (key) => corrupt.push(key) });
    await redis.set(store.tokenKey('k'), '{"accessToken": 42}');
    expect(await store.get('k')).toBeNull();
    await redis.set(store.tokenKey('k'), 'not json');
    expect(await store.get('k')).toBeNull();
    expect(corrupt).toEqual([store.tokenKey('k'), store.tokenKey('k')]);
  });

  it('grants the lock to one holder at a time and releases only its own', async () => {
    prefix = `{tr-test-${randomUUID()}}`;
    const a = new RedisTokenStore(connect(), { prefix });
    const b = new RedisTokenStore(connect(), { prefix });
    const lock = await a.tryLock('k', 10_000);
    expect(lock).not.toBeNull();
    expect(await b.tryLock('k', 10_000)).toBeNull();
    await lock!.release();
    const next = await b.tryLock('k', 10_000);
    expect(next).not.toBeNull();
    await lock!.release(); // a stale release must not free b's lock
    expect(await a.tryLock('k', 10_000)).toBeNull();
    await next!.release();
  });
});
