import { RemedyAcceptedSchema, type RemedyStatus, RemedyStatusSchema } from '@tidal-remedy/contracts';
import { jobIds } from '@tidal-remedy/queue';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Review mode over the API with the three worker processes: the gate, an in-place approval, expiry. */
let emulator: EmulatorHandle;
let api: TestApi;
let workers: ChildHandle[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
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
  return { status: response.status, body: await response.json() };
}

async function whenState(id: string, states: string[], run = 0): Promise<RemedyStatus> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = RemedyStatusSchema.parse((await call('GET', `/v1/remedies/${id}`)).body);
    if (status.run === run && states.includes(status.state)) return status;
    if (Date.now() > deadline) throw new Error(`remedy ${id} still ${status.state} (run ${status.run})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const demoTrackIds = () =>
  emulator
    .state()
    .playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!
    .items.map((item) => item.trackId);

async function startReview(): Promise<string> {
  const { status, body } = await call('POST', '/v1/remedies', {
    playlist: DEMO_ACCOUNT.playlistId,
    mode: 'review',
  });
  expect(status).toBe(202);
  return RemedyAcceptedSchema.parse(body).id;
}

describe('review mode over the queues', () => {
  it('waits with nothing written, then publishes in place what was proposed once approved', async () => {
    const before = demoTrackIds();
    const playlistsBefore = emulator.state().playlists.length;
    const id = await startReview();
    const proposed = await whenState(id, ['awaiting-review']);
    expect(proposed.report).toMatchObject({ mode: 'review', published: null, counts: { unavailable: 15 } });
    expect(await (await api.queues.publish.getJob(jobIds.publish(id, 0)))?.getState()).toBe('delayed');
    expect(demoTrackIds()).toEqual(before);
    expect(emulator.state().playlists).toHaveLength(playlistsBefore);

    expect((await call('POST', `/v1/remedies/${id}/publish`, { mode: 'in-place' })).status).toBe(202);
    const done = await whenState(id, ['done', 'failed']);
    expect(done.error).toBeNull();
    expect(done.report).toMatchObject({
      mode: 'in-place',
      published: { playlistId: DEMO_ACCOUNT.playlistId },
      review: { changed: 0 },
    });
    const replaced = new Map(proposed.report!.items.map((item) => [item.position, item.replacement?.id]));
    expect(demoTrackIds()).toEqual(before.map((trackId, position) => replaced.get(position) ?? trackId));
  });

  it('fails a remedy nobody approved within the review window, which a retry reviews afresh', async () => {
    const id = await startReview();
    // The playlist as the test above left it: only the items without a replacement are unavailable.
    const first = await whenState(id, ['awaiting-review']);
    expect(first.report?.items.every((item) => item.decision === 'none')).toBe(true);
    // As if the window had passed: the record entered review long ago, and the parked job comes due.
    const longAgo = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000).toISOString();
    await api.admin.hset(`${api.prefix}:remedy:${id}`, 'updatedAt', longAgo);
    await (await api.queues.publish.getJob(jobIds.publish(id, 0)))!.promote();

    const failed = await whenState(id, ['failed']);
    expect(failed.error).toMatchObject({ step: 'publish' });
    expect(failed.error?.message).toMatch(/Nobody approved remedy .* within 14 days .* retry it/);
    expect((await call('POST', `/v1/remedies/${id}/publish`, {})).status).toBe(409);

    expect((await call('POST', `/v1/remedies/${id}/retry`)).status).toBe(202);
    const again = await whenState(id, ['awaiting-review'], 1);
    expect(again.report?.items).toHaveLength(first.report!.items.length);
  });
});
