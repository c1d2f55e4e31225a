import { randomUUID } from 'node:crypto';
import type { RemedyStatus } from '@tidal-remedy/contracts';
import { workerEnv } from '@tidal-remedy/test-support/pipeline';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { testPrefix } from '@tidal-remedy/test-support/redis';
import { type PrivateRedis, startPrivateRedis } from '@tidal-remedy/test-support/redis-server';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { Fleet } from './support/fleet.js';
import { playlistsNamed } from './support/remedy-facts.js';

/**
 * Redis going away in the middle of a remedy: a private redis-server (this file's alone) is killed and
 * started again on the same port while the API and the three workers keep running. With persistence (AOF)
 * the remedy completes; without, its record and jobs are gone, and the API says so (404 naming the cause)
 * instead of the remedy hanging as "matching" forever; a new submission then runs on the same processes.
 */
const prefix = testPrefix('redis-restart');
const fleet = new Fleet();
const TOKEN = 'redis-restart-token-8c1f2a9d7e3b4a6c';
const REMEDIED = 'Road Trip Classics (remedied)';
const remedyRequest = { playlist: DEMO_ACCOUNT.playlistId, mode: 'new' };
let redis: PrivateRedis;
let emulator: EmulatorHandle;
let api: ApiClient;
let processes: ChildHandle[];

beforeAll(async () => {
  redis = await startPrivateRedis({ persistent: true });
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  const env = workerEnv(emulator, prefix, { REDIS_URL: redis.url });
  processes = await Promise.all([
    fleet.start('fetcher', env),
    fleet.start('matcher', env),
    fleet.start('publisher', env),
    fleet.start('api', {
      PORT: '0',
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      _UNION_REMEDY_API_TOKEN: TOKEN,
    }),
  ]);
  const { port } = JSON.parse(await processes[3]!.waitFor(/"msg":"listening"/));
  await processes[3]!.waitFor(/"msg":"Redis connection ready"/);
  api = new ApiClient(`http://127.0.0.1:${port}`, TOKEN);
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  await emulator?.close();
  await redis?.close();
});

/** Polls the status URL until the remedy is done or failed, as a client does. */
async function finished(id: string): Promise<RemedyStatus> {
  return waitUntil(
    `remedy ${id} to finish`,
    async () => {
      const { status } = await api.status(id);
      return status && (status.state === 'done' || status.state === 'failed') ? status : null;
    },
    { timeoutMs: 45_000, intervalMs: 100 },
  );
}

/** Holds the next search a while, and waits until a matcher is stuck in it: the remedy is mid-way. */
async function holdASearch() {
  emulator.injectFault({ method: 'GET', path: '/searchResults', delayMs: 3_000, count: 1 });
  return async () =>
    waitUntil('a search held by the emulator', () =>
      emulator.inFlight().some((request) => request.path === '/searchResults'),
    );
}

describe('Redis restarting in the middle of a remedy', () => {
  it('with persistence (AOF): the services reconnect on their own and the remedy completes', async () => {
    const held = await holdASearch();
    const { id } = await api.accepted(remedyRequest);
    await held();
    await redis.stop('SIGKILL');

    // While Redis is away the API says so at once, and accepts nothing it could lose.
    const down = await waitUntil('a 503 from the API', async () => {
      const { response } = await api.status(id);
      return response.status === 503 && response;
    });
    expect(down.headers.get('retry-after')).toBe('5');
    expect((await api.submit(remedyRequest)).response.status).toBe(503);

    await redis.start({ persistent: true });
    const status = await finished(id);
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect(status.progress).toMatchObject({ items: 60, unavailable: 15, matched: 15 });
    expect(status.report?.items).toHaveLength(15);
    expect(playlistsNamed(emulator, REMEDIED).map((copy) => copy.id)).toEqual([
      status.report?.published?.playlistId,
    ]);
    // Nobody was restarted.
    for (const handle of processes) expect(handle.child.exitCode).toBeNull();
  }, 60_000);

  it('without persistence: the lost remedy answers 404 saying why, and submitting it again works', async () => {
    emulator.reset();
    const key = randomUUID();
    const held = await holdASearch();
    const lost = await api.accepted({ ...remedyRequest, refresh: true }, key);
    await held();
    await redis.stop('SIGKILL');
    await redis.start({ persistent: false });

    const gone = await waitUntil('the API to answer for the lost remedy', async () => {
      const answer = await api.status(lost.id);
      return answer.response.status === 404 && answer.error;
    });
    expect(gone.message).toContain(lost.id);
    expect(gone.message).toMatch(/Redis restarted without persistence/);
    expect(gone.message).toMatch(/submit .* again/i);

    // The client does what the message says: the same request, even with the same key, starts afresh.
    const again = await api.accepted({ ...remedyRequest, refresh: true }, key);
    expect(again.id).not.toBe(lost.id);
    const status = await finished(again.id);
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect(status.report?.items).toHaveLength(15);
    expect(playlistsNamed(emulator, REMEDIED)).toHaveLength(1);
    for (const handle of processes) expect(handle.child.exitCode).toBeNull();
    // The matcher that held the lost remedy's job said so when it could not record the outcome.
    expect(fleet.output()).toMatch(new RegExp(`"level":"error".*Missing key for job ${lost.id}-r0-match`));
  }, 60_000);
});
