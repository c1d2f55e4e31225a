import { RemedyStatusSchema, type Watch, WatchSchema } from '@tidal-remedy/contracts';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import { MemoryTokenStore, TidalClient, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Tracks available in the US in the bundled seed: the scratch playlist holds nothing to remedy. */
const AVAILABLE_TRACKS = ['122262260', '30655680', '388735798'];

let emulator: EmulatorHandle;
let api: TestApi;
let workers: ChildHandle[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  const tidal = new TidalClient({
    credentials: TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT)),
    apiUrl: emulator.url,
    authUrl: emulator.authUrl,
    tokenStore: new MemoryTokenStore(),
  });
  await tidal.addItems(DEMO_ACCOUNT.scratchPlaylistId, AVAILABLE_TRACKS);
  api = await startTestApi();
  const env = workerEnv(emulator, api.prefix);
  workers = await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await api?.close();
  await emulator?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...api.auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

const watchOf = async (id: string) => WatchSchema.parse((await call('GET', `/v1/watches/${id}`)).body);

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a watch, scheduled every second, run by the fetcher process', () => {
  it('starts an ordinary remedy at each tick, publishes nothing when nothing is unavailable, and stops when deleted', async () => {
    const playlistsBefore = emulator.state().playlists.length;
    const created = await call('POST', '/v1/watches', {
      playlist: DEMO_ACCOUNT.scratchPlaylistId,
      mode: 'new',
      schedule: { every: 1 / 60 },
    });
    expect(created.status).toBe(201);
    const { id } = WatchSchema.parse(created.body);

    const watched: Watch = await until(
      'two runs',
      () => watchOf(id),
      (watch) => watch.runs >= 2,
    );
    expect(watched.recentRemedies.length).toBeGreaterThanOrEqual(2);
    for (const remedyId of watched.recentRemedies.slice(-2)) {
      const status = await until(
        `remedy ${remedyId}`,
        async () => RemedyStatusSchema.parse((await call('GET', `/v1/remedies/${remedyId}`)).body),
        (remedy) => remedy.state === 'done' || remedy.state === 'failed',
      );
      expect(status.error).toBeNull();
      expect(status.request).toMatchObject({
        playlist: DEMO_ACCOUNT.scratchPlaylistId,
        mode: 'new',
        refresh: true,
      });
      expect(status.report?.counts).toMatchObject({ items: AVAILABLE_TRACKS.length, unavailable: 0 });
      expect(status.report?.published).toBeNull();
    }
    // Nothing unavailable: no "(remedied)" copy was written, however many runs.
    expect(emulator.state().playlists).toHaveLength(playlistsBefore);

    expect((await call('DELETE', `/v1/watches/${id}`)).status).toBe(204);
    expect(await api.queues.watch.getJobScheduler(id)).toBeUndefined();
    const remedies = async () =>
      (await api.admin.keys(`${api.prefix}:remedy:rem-*`)).filter((key) => !key.includes(':matched:'));
    const after = (await remedies()).length;
    // Three intervals with no scheduler: a tick that was already queued finds no watch and starts nothing.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await remedies()).length).toBe(after);
    expect(await api.queues.watch.getJobSchedulersCount()).toBe(0);
    expect((await call('GET', `/v1/watches/${id}`)).status).toBe(404);
  });
});
