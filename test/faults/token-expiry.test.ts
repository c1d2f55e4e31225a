import { submitRemedy, waitForRemedy, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  type EmulatorOptions,
  loadSeedFile,
  type Seed,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from './support/figures.js';
import { Fleet } from './support/fleet.js';
import { TOKEN_PATH } from './support/request-log.js';

/**
 * TIDAL's access tokens expiring while a remedy runs, with three matcher replicas (one job at a time each):
 * each token (the user's, for the playlists and writes; the app's client-credentials token, for the
 * catalog) is renewed once for the whole fleet (the replicas share it through Redis, and one holds the
 * renewal lock), not once per job or per replica.
 */
const prefix = testPrefix('token');
const fleet = new Fleet();
const MATCHERS = 3;
const base = { playlist: DEMO_ACCOUNT.playlistId, unmatched: 'keep', countryCode: 'US' } as const;
let redis: Redis;
let seed: Seed;
let emulator: EmulatorHandle;

const startTidal = async (knobs: Partial<EmulatorOptions>) => {
  emulator = await startEmulator({ seed, ...knobs });
};
const tokenRequests = () =>
  emulator.requests().filter((request) => request.method === 'POST' && request.path === TOKEN_PATH);

beforeAll(async () => {
  redis = connectRedis();
  seed = await loadSeedFile(DEFAULT_SEED_PATH);
  await startTidal({ port: 0 });
  const env = workerEnv(emulator, prefix, { WORKER_CONCURRENCY: '1' });
  const services = ['fetcher', 'publisher', ...Array<'matcher'>(MATCHERS).fill('matcher')] as const;
  await Promise.all(services.map((service) => fleet.start(service, env)));
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('a TIDAL token that expires in the middle of a remedy', () => {
  it('is renewed once for every replica, not once per job', async () => {
    // The first search of each matcher is held 5 s: all three replicas are mid-job, holding the token,
    // when TIDAL drops it; each then goes on with the dropped token.
    emulator.injectFault({ method: 'GET', path: '/searchResults', delayMs: 5_000, count: MATCHERS });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'new', refresh: false });
    await waitUntil(
      `${MATCHERS} searches held, one per matcher`,
      () => emulator.inFlight().filter((request) => request.path === '/searchResults').length === MATCHERS,
      { timeoutMs: 4_000 },
    );
    // The user's token and the app's, each obtained once.
    expect(tokenRequests()).toHaveLength(2);
    const before = emulator.requests().length;
    emulator.expireTokens();
    // The renewal takes a second, so the replicas that go on meanwhile all meet the dropped token (a search
    // is one call: a held one is the job's last, and only the next jobs' calls carry the token).
    emulator.injectFault({ method: 'POST', path: TOKEN_PATH, delayMs: 1_000 });

    const record = await waitForRemedy(redis, prefix, id, 45_000);
    expect(record.error).toBeNull();
    expect(record.state).toBe('done');
    const after = emulator.requests().slice(before);
    const refused = after.filter((request) => request.status === 401);
    const renewals = after.filter((request) => request.path === TOKEN_PATH);
    const renewedIn = fleet.processesLogging(/"msg":"TIDAL access token renewed"/);
    const refusedIn = fleet.processesLogging(/"msg":"TIDAL refused the access token; renewing it once"/);
    figure(
      'token expired mid-remedy',
      `after the expiry: ${refused.length} requests refused (401) from ${refusedIn} processes; ` +
        `${renewals.length} token request(s); ${after.length} requests in all`,
    );
    // Each token once: the app's (the matchers' searches), the user's (the publisher's writes).
    expect(renewals).toHaveLength(2);
    // More than one replica went on with the dropped token (all three, unless a search found nothing).
    expect(refusedIn).toBeGreaterThanOrEqual(2);
    expect(tokenRequests()).toHaveLength(4);
    // Three processes renewed at most: the fetcher, which took both first tokens, and one renewer of each.
    expect(renewedIn).toBeLessThanOrEqual(3);
  }, 60_000);

  it('a token that lives 1 s is renewed about once per half-life, not before every request', async () => {
    // The remedy must outlast the token: it is some 20 calls, several at once, which took 1.5 to 1.9 s
    // on Node 24 at 25 ms of latency before pages brought their tracks' details (issue 11); at 100 ms the
    // fewer calls of today still take over 2 s.
    const lifetimeMs = 1_000;
    const { port } = emulator;
    await emulator.close();
    await startTidal({ port, tokenLifetimeSeconds: lifetimeMs / 1000, latencyMs: 100 });
    const id = await submitRemedy(redis, prefix, { ...base, mode: 'dry-run', refresh: true });
    const record = await waitForRemedy(redis, prefix, id, 45_000);
    expect(record.error).toBeNull();
    const log = emulator.requests();
    const span = Date.parse(log.at(-1)!.time) - Date.parse(log[0]!.time);
    const renewals = tokenRequests().length;
    // A 401 now and then is no fault: the token of the TIDAL before the restart, or a request held at the
    // rate gate past its token's expiry; it is renewed once and the request repeated.
    const refused = log.filter((request) => request.status === 401).length;
    figure(
      'short-lived token',
      `${log.length} requests over ${span} ms; ${renewals} token requests (lifetime ${lifetimeMs} ms); ${refused} 401s`,
    );
    expect(span).toBeGreaterThan(lifetimeMs);
    // Two tokens (the user's and the app's), each renewed at most once per half-life.
    expect(renewals).toBeLessThanOrEqual(2 * (1 + Math.ceil(span / (lifetimeMs / 2))));
  }, 60_000);
});
