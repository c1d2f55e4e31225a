import { ApiErrorSchema, WatchListSchema, WatchSchema } from '@tidal-remedy/contracts';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...api.auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { response, body: response.status === 204 ? null : await response.json() };
}

describe('/v1/watches', () => {
  it('registers a watch with a job scheduler, reads it, lists it and deletes it with its scheduler', async () => {
    const created = await call('POST', '/v1/watches', {
      playlist: `https://tidal.com/browse/playlist/${PLAYLIST_ID}`,
      mode: 'in-place',
      schedule: { cron: '0 6 * * 1', tz: 'Europe/Oslo' },
    });
    expect(created.response.status).toBe(201);
    const watch = WatchSchema.parse(created.body);
    expect(created.response.headers.get('location')).toBe(`/v1/watches/${watch.id}`);
    expect(watch).toMatchObject({
      request: {
        playlist: PLAYLIST_ID,
        mode: 'in-place',
        unmatched: 'keep',
        countryCode: 'US',
        refresh: true,
      },
      schedule: { cron: '0 6 * * 1', tz: 'Europe/Oslo' },
      runs: 0,
      skipped: 0,
      lastRunAt: null,
      recentRemedies: [],
    });
    // Next Monday 06:00 in Oslo, which is 05:00 or 04:00 UTC.
    expect(new Date(watch.nextRunAt!).getUTCDay()).toBe(1);
    expect([4, 5]).toContain(new Date(watch.nextRunAt!).getUTCHours());
    const scheduler = await api.queues.watch.getJobScheduler(watch.id);
    expect(scheduler).toMatchObject({ pattern: '0 6 * * 1', tz: 'Europe/Oslo', name: 'watch' });

    const every = WatchSchema.parse(
      (await call('POST', '/v1/watches', { playlist: PLAYLIST_ID, mode: 'dry-run', schedule: { every: 90 } }))
        .body,
    );
    expect((await api.queues.watch.getJobScheduler(every.id))?.every).toBe(90 * 60_000);

    expect(WatchSchema.parse((await call('GET', `/v1/watches/${watch.id}`)).body)).toEqual(watch);
    const list = WatchListSchema.parse((await call('GET', '/v1/watches')).body);
    expect(list.watches.map((listed) => listed.id)).toEqual([watch.id, every.id]);

    expect((await call('DELETE', `/v1/watches/${watch.id}`)).response.status).toBe(204);
    expect(await api.queues.watch.getJobScheduler(watch.id)).toBeUndefined();
    expect((await call('GET', `/v1/watches/${watch.id}`)).response.status).toBe(404);
    expect((await call('DELETE', `/v1/watches/${watch.id}`)).response.status).toBe(404);
    expect(WatchListSchema.parse((await call('GET', '/v1/watches')).body).watches).toHaveLength(1);
    await call('DELETE', `/v1/watches/${every.id}`);
  });

  it.each([
    [{ playlist: PLAYLIST_ID, mode: 'new', schedule: '61 * * * *' }, 'schedule.cron'],
    [{ playlist: PLAYLIST_ID, mode: 'new', schedule: { every: 0 } }, 'schedule.every'],
    [{ playlist: PLAYLIST_ID, mode: 'new', schedule: { every: 5, cron: '* * * * *' } }, 'schedule'],
    [{ playlist: PLAYLIST_ID, mode: 'new' }, 'schedule'],
    [{ playlist: PLAYLIST_ID, schedule: '@daily' }, 'mode'],
    [{ playlist: 'nope', mode: 'new', schedule: '@daily' }, 'playlist'],
    [{ playlist: PLAYLIST_ID, mode: 'new', schedule: '@daily', colour: 'blue' }, ''],
  ])('refuses %j with 400, naming %s, and registers nothing', async (body, path) => {
    const before = await api.queues.watch.getJobSchedulersCount();
    const { response, body: error } = await call('POST', '/v1/watches', body);
    expect(response.status).toBe(400);
    const issues = (ApiErrorSchema.parse(error).details as { issues: Array<{ path: string }> }).issues;
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(await api.queues.watch.getJobSchedulersCount()).toBe(before);
  });

  it('answers 404 for an unknown or malformed watch id', async () => {
    for (const id of ['wat-doesnotexist', 'rem-abcdefgh', '12345']) {
      const { response, body } = await call('GET', `/v1/watches/${id}`);
      expect(response.status).toBe(404);
      expect(ApiErrorSchema.parse(body).message).toContain('GET /v1/watches lists them');
    }
  });
});

describe('/v1/watches, bounded', () => {
  let capped: TestApi;
  beforeAll(async () => {
    capped = await startTestApi({ watchLimit: 5 });
  });
  afterAll(async () => {
    await capped?.close();
  });
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${capped.url}${path}`, {
      method,
      headers: { ...capped.auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: response.status === 204 ? null : await response.json() };
  };
  const watchBody = { playlist: PLAYLIST_ID, mode: 'dry-run', schedule: '@daily' };

  it('refuses a watch past WATCH_LIMIT with 409 saying what to do, and registers nothing', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++)
      ids.push(WatchSchema.parse((await send('POST', '/v1/watches', watchBody)).body).id);
    const before = await capped.queues.watch.getJobSchedulersCount();
    const refused = await send('POST', '/v1/watches', watchBody);
    expect(refused.response.status).toBe(409);
    const error = ApiErrorSchema.parse(refused.body);
    expect(error.error).toBe('watch_limit');
    expect(error.message).toContain('already 5 watches');
    expect(error.message).toContain('DELETE /v1/watches/:id');
    expect(await capped.queues.watch.getJobSchedulersCount()).toBe(before);
    // One deleted, one may be added again.
    await send('DELETE', `/v1/watches/${ids[0]}`);
    expect((await send('POST', '/v1/watches', watchBody)).response.status).toBe(201);
  });

  it('pages the list with a cursor, oldest first, each watch once', async () => {
    const all = WatchListSchema.parse((await send('GET', '/v1/watches?limit=500')).body);
    expect(all.watches).toHaveLength(5);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const page = WatchListSchema.parse((await send('GET', `/v1/watches${query}`)).body);
      expect(page.watches.length).toBeLessThanOrEqual(2);
      seen.push(...page.watches.map((watch) => watch.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.watches.map((watch) => watch.id));
    for (const query of ['?limit=0', '?limit=501', '?cursor=bm9wZQ', '?colour=blue']) {
      const { response, body } = await send('GET', `/v1/watches${query}`);
      expect(response.status, query).toBe(400);
      expect(ApiErrorSchema.parse(body).error).toBe('invalid_request');
    }
  });
});
