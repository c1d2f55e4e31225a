import { RemedyQueues } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
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
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const base = { unmatched: 'keep', countryCode: 'US', refresh: false, mode: 'new' } as const;
let redis: Redis;
let emulator: EmulatorHandle;
const prefixes: string[] = [];
const workers: ChildHandle[] = [];

/** Three workers under their own prefix, with extra environment (other credentials, say). */
async function startPipeline(extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const prefix = testPrefix('failures');
  prefixes.push(prefix);
  const env = workerEnv(emulator, prefix, extra);
  workers.push(...(await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)))));
  return prefix;
}

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
});

afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await emulator?.close();
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('a remedy that cannot succeed fails visibly, at once, and nothing else breaks', () => {
  let prefix: string;
  beforeAll(async () => {
    prefix = await startPipeline();
  }, 60_000);

  it('an unknown playlist: the remedy fails in the fetch step with TIDAL’s 404', async () => {
    const id = await submitRemedy(redis, prefix, {
      ...base,
      playlist: '00000000-0000-4000-8000-000000000000',
    });
    const record = await waitForRemedy(redis, prefix, id);
    expect(record.state).toBe('failed');
    expect(record.error?.step).toBe('fetch');
    expect(record.error?.message).toMatch(/TIDAL answered 404/);
    // Not retried, and kept: the failed fetch job is there to inspect and retry, after one attempt.
    const queues = new RemedyQueues({ connection: redis, prefix });
    const job = await queues.byStep.fetch.getJob(id);
    await queues.close();
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/TIDAL answered 404/);
  });

  it('a publish that fails after TIDAL created the playlist is retried, and creates no second playlist', async () => {
    // Every write of items fails (past the client's own retries) once: the first publish attempt dies
    // between creating the playlist and filling it.
    emulator.injectFault({
      method: 'POST',
      path: '/playlists/{id}/relationships/items',
      status: 500,
      count: 4,
    });
    const id = await submitRemedy(redis, prefix, { ...base, playlist: DEMO_ACCOUNT.playlistId });
    const record = await waitForRemedy(redis, prefix, id);
    expect(record.error).toBeNull();
    const created = emulator
      .state()
      .playlists.filter((playlist) => playlist.name === 'Road Trip Classics (remedied)');
    expect(created).toHaveLength(1);
    expect(created[0]!.items).toHaveLength(60);
    expect(
      emulator.requests().filter((request) => request.method === 'POST' && request.path === '/playlists')
        .length,
    ).toBe(1);
  });

  it('keeps working for the next remedy', async () => {
    const id = await submitRemedy(redis, prefix, {
      ...base,
      mode: 'dry-run',
      playlist: DEMO_ACCOUNT.playlistId,
    });
    expect((await waitForRemedy(redis, prefix, id)).state).toBe('done');
  });
});

describe('credentials TIDAL rejects', () => {
  it('fail the remedy with "credentials rejected", naming what to do, and no token in the message', async () => {
    const refreshToken = 'revoked-refresh-token-abc123';
    const prefix = await startPipeline({
      _UNION_TIDAL_CREDS_JSON: JSON.stringify({
        client_id: DEMO_ACCOUNT.clientId,
        client_secret: DEMO_ACCOUNT.clientSecret,
        refresh_token: refreshToken,
      }),
    });
    const id = await submitRemedy(redis, prefix, { ...base, playlist: DEMO_ACCOUNT.playlistId });
    const record = await waitForRemedy(redis, prefix, id);
    expect(record.state).toBe('failed');
    expect(record.error?.message).toMatch(/credentials rejected/);
    expect(record.error?.message).toMatch(/update the tidal-creds secret/);
    expect(JSON.stringify(record)).not.toContain(refreshToken);
    const logs = workers.flatMap((worker) => worker.lines).join('\n');
    expect(logs).not.toContain(refreshToken);
    expect(await new RemedyStore(redis, prefix).get(id)).toMatchObject({ state: 'failed' });
  }, 60_000);
});
