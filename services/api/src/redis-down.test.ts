import { ApiErrorSchema } from '@tidal-remedy/contracts';
import { closedPort, startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { redisUrl } from '@tidal-remedy/test-support/redis';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import { startTcpProxy, type TcpProxy } from '@tidal-remedy/test-support/tcp-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every route that needs Redis, as [method, path]. */
const REDIS_ROUTES: Array<[string, string]> = [
  ['POST', '/v1/remedies'],
  ['GET', '/v1/remedies/rem-abcdefgh'],
  ['POST', '/v1/remedies/rem-abcdefgh/retry'],
  ['GET', '/remedies/rem-abcdefgh'],
  ['GET', '/metrics'],
  ['GET', '/admin/queues'],
];

function call(api: TestApi, method: string, path: string, auth = api.auth): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify({ playlist: PLAYLIST_ID }) } : {}),
  });
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  const body = ApiErrorSchema.parse(await response.json());
  expect(body.error).toBe('unavailable');
  expect(body.message).toContain('Redis');
}

describe('with Redis unreachable from the start', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, waitForRedis: false });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is alive but not ready', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ApiErrorSchema.parse(await ready.json()).error).toBe('not_ready');
  });

  it.each(REDIS_ROUTES)('answers %s %s with 503 at once', async (method, path) => {
    await expectUnavailable(await call(api, method, path));
  });

  it('still checks the token first', async () => {
    expect((await call(api, 'POST', '/v1/remedies', {})).status).toBe(401);
  });
});

describe('with Redis going away and coming back', () => {
  let proxy: TcpProxy;
  let api: TestApi;
  beforeAll(async () => {
    const target = new URL(redisUrl());
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    api = await startTestApi({ redisUrl: `redis://127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await api?.close();
    await proxy?.close();
  });

  it('takes remedies, answers 503 while Redis is gone, and takes them again once it is back', async () => {
    expect((await call(api, 'POST', '/v1/remedies')).status).toBe(202);
    expect((await fetch(`${api.url}/metrics`, { headers: api.auth })).status).toBe(200);

    await proxy.cut();
    for (const [method, path] of REDIS_ROUTES) await expectUnavailable(await call(api, method, path));
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(api.logs.some((line) => line.includes('Redis connection lost'))).toBe(true);

    await proxy.restore();
    await new Promise((resolve) => api.redis.once('ready', resolve));
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    expect((await call(api, 'POST', '/v1/remedies')).status).toBe(202);
  });
});
