import { randomUUID } from 'node:crypto';
import {
  ApiErrorSchema,
  RemedyAcceptedSchema,
  type RemedyStatus,
  RemedyStatusSchema,
} from '@tidal-remedy/contracts';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { type ChildHandle, spawnTs } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const prefix = testPrefix('api-e2e');
const TOKEN = 'e2e-token-6a0f3d9c2b7e41f8';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

let redis: Redis;
let emulator: EmulatorHandle;
let workers: ChildHandle[] = [];
let api: ChildHandle;
let url: string;

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0 });
  const env = workerEnv(emulator, prefix);
  workers = await Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env)));
  api = spawnTs('services/api/src/main.ts', {
    PORT: '0',
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    _UNION_REMEDY_API_TOKEN: TOKEN,
  });
  const { port } = JSON.parse(await api.waitFor(/"msg":"listening"/));
  await api.waitFor(/"msg":"Redis connection ready"/);
  url = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  await Promise.all([...workers, api].filter(Boolean).map(stopWorker));
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function submit(body: unknown, idempotencyKey?: string) {
  const response = await fetch(`${url}/v1/remedies`, {
    method: 'POST',
    headers: { ...headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return { response, body: RemedyAcceptedSchema.parse(await response.json()) };
}

/** Polls the status URL, as a client does, until the remedy is done or failed. */
async function finished(statusUrl: string, run = 0): Promise<RemedyStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = RemedyStatusSchema.parse(await (await fetch(statusUrl, { headers })).json());
    if (status.run === run && (status.state === 'done' || status.state === 'failed')) return status;
    if (Date.now() > deadline) throw new Error(`still ${status.state} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a remedy through the HTTP API, three worker processes, the emulator', () => {
  it('runs a remedy given by URL once per Idempotency-Key, and serves its report as JSON and as a page', async () => {
    const key = randomUUID();
    const request = {
      playlist: `https://listen.tidal.com/playlist/${DEMO_ACCOUNT.playlistId}?u`,
      mode: 'dry-run',
    };
    const { body: accepted } = await submit(request, key);
    const { response: replay, body: replayed } = await submit(request, key);
    expect(replayed).toEqual(accepted);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const status = await finished(accepted.status_url);
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect(status.progress).toMatchObject({ items: 60, unavailable: 15 });
    expect(status.report?.counts).toMatchObject({ items: 60, unavailable: 15 });
    expect(status.report?.published).toBeNull();
    expect(status.timestamps.finishedAt).not.toBeNull();
    // One run: TIDAL saw exactly the playlist reads the one report counts.
    const playlistReads = emulator
      .requests()
      .filter((served) => served.method === 'GET' && served.path === '/playlists/{id}').length;
    expect(status.report?.tidalCalls.byEndpoint['GET /playlists/{id}']).toBe(playlistReads);

    const page = await fetch(accepted.report_url, { headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<tr>/g)?.length).toBe(1 + 15);
    expect(html).toContain('Dry run: nothing was written to TIDAL.');
  });

  it('shows a failed remedy with its reason, and retries it as a new run', async () => {
    const { body: accepted } = await submit({ playlist: randomUUID() });
    const failed = await finished(accepted.status_url);
    expect(failed.state).toBe('failed');
    expect(failed.error?.step).toBe('fetch');
    expect(failed.error?.message).toContain('404');
    expect(failed.report).toBeNull();

    const retry = await fetch(`${url}/v1/remedies/${accepted.id}/retry`, { method: 'POST', headers });
    expect(retry.status).toBe(202);
    expect(RemedyAcceptedSchema.parse(await retry.json()).run).toBe(1);
    const retried = RemedyStatusSchema.parse(await (await fetch(accepted.status_url, { headers })).json());
    expect(retried).toMatchObject({ run: 1, error: null });
    expect(['queued', 'fetching']).toContain(retried.state);
  });

  it('refuses a bad request without touching the queues', async () => {
    const response = await fetch(`${url}/v1/remedies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ playlist: 'https://tidal.com/browse/album/123' }),
    });
    expect(response.status).toBe(400);
    expect(ApiErrorSchema.parse(await response.json()).details).toEqual({
      issues: [expect.objectContaining({ path: 'playlist' })],
    });
  });

  it('never writes the token to a log', () => {
    for (const handle of [api, ...workers]) expect(handle.lines.join('\n')).not.toContain(TOKEN);
  });
});
