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
