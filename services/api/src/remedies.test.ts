import { ApiErrorSchema, RemedyAcceptedSchema, RemedyStatusSchema } from '@tidal-remedy/contracts';
import { jobIds } from '@tidal-remedy/queue';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { PLAYLIST_ID, sampleReport } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const REQUEST = {
  playlist: PLAYLIST_ID,
  mode: 'new',
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
} as const;

function postRemedy(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.url}/v1/remedies`, {
    method: 'POST',
    headers: { ...api.auth, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(path: string): Promise<Response> {
  return fetch(`${api.url}${path}`, { headers: api.auth });
}

function retry(id: string): Promise<Response> {
  return fetch(`${api.url}/v1/remedies/${id}/retry`, { method: 'POST', headers: api.auth });
}

async function accepted(response: Response) {
  expect(response.status).toBe(202);
  return RemedyAcceptedSchema.parse(await response.json());
}

async function apiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = ApiErrorSchema.parse(await response.json());
  expect(body.error).toBe(code);
  expect(body.message.length).toBeGreaterThan(20);
  return body;
}

/** Remedy records under this file's prefix. */
async function remedyCount(): Promise<number> {
  const keys = await api.admin.keys(`${api.prefix}:remedy:rem-*`);
  return keys.filter((key) => !key.includes(':matched:')).length;
}

async function fetchJobCount(): Promise<number> {
  const counts = await api.queues.fetch.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

describe('POST /v1/remedies', () => {
  it('creates a queued remedy, adds its fetch job and answers 202 with links', async () => {
    const response = await postRemedy({ playlist: PLAYLIST_ID });
    const body = await accepted(response);
    expect(body.id).toMatch(/^rem-/);
    expect(body.status_url).toBe(`${api.url}/v1/remedies/${body.id}`);
    expect(body.report_url).toBe(`${api.url}/remedies/${body.id}`);
    expect(response.headers.get('location')).toBe(body.status_url);
    expect(response.headers.get('idempotent-replayed')).toBeNull();

    const record = await api.store.get(body.id);
    expect(record).toMatchObject({ state: 'queued', run: 0, request: REQUEST });

    const job = await api.queues.fetch.getJob(body.id);
    expect(job?.name).toBe('fetch');
    expect(job?.id).toBe(jobIds.fetch(body.id, 0));
    expect(job?.data).toEqual({ remedyId: body.id, run: 0, request: REQUEST });
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });

  it.each([
    ['a bare id', PLAYLIST_ID],
    ['an upper-case id', PLAYLIST_ID.toUpperCase()],
    ['a browse URL', `https://tidal.com/browse/playlist/${PLAYLIST_ID}`],
    ['a listen URL with a query', `https://listen.tidal.com/playlist/${PLAYLIST_ID}?u`],
    ['a www URL with a trailing slash', `https://www.tidal.com/browse/playlist/${PLAYLIST_ID}/`],
    ['a URL with surrounding spaces', `  https://tidal.com/browse/playlist/${PLAYLIST_ID}?utm_source=x  `],
  ])('accepts the playlist as %s', async (_form, playlist) => {
    const { id } = await accepted(await postRemedy({ playlist }));
    expect((await api.store.get(id))?.request.playlist).toBe(PLAYLIST_ID);
  });

  it('passes the options through, normalised', async () => {
    const { id } = await accepted(
      await postRemedy({
        playlist: PLAYLIST_ID,
        mode: 'dry-run',
        unmatched: 'drop',
        countryCode: 'gb',
        refresh: true,
      }),
    );
    expect((await api.queues.fetch.getJob(id))?.data.request).toEqual({
      playlist: PLAYLIST_ID,
      mode: 'dry-run',
      unmatched: 'drop',
      countryCode: 'GB',
      refresh: true,
    });
  });

  it.each([
    ['no playlist', {}, 'playlist'],
    ['a playlist that is not a number', { playlist: 42 }, 'playlist'],
    ['a URL of another site', { playlist: `https://example.com/playlist/${PLAYLIST_ID}` }, 'playlist'],
    ['a TIDAL URL of an album', { playlist: `https://tidal.com/browse/album/${PLAYLIST_ID}` }, 'playlist'],
    ['an unknown mode', { playlist: PLAYLIST_ID, mode: 'sideways' }, 'mode'],
    ['a three-letter country', { playlist: PLAYLIST_ID, countryCode: 'USA' }, 'countryCode'],
    ['refresh as a string', { playlist: PLAYLIST_ID, refresh: 'yes' }, 'refresh'],
    ['an unknown field', { playlist: PLAYLIST_ID, publish: true }, ''],
    ['an array', [PLAYLIST_ID], ''],
  ])('rejects %s with 400 and the issue path', async (_case, body, path) => {
    const before = await remedyCount();
    const error = await apiError(await postRemedy(body), 400, 'invalid_request');
    const issues = (error.details as { issues: Array<{ path: string; message: string }> }).issues;
    expect(issues.map((issue) => issue.path)).toContain(path);
    expect(await remedyCount()).toBe(before);
  });

  it('rejects malformed JSON with 400, without quoting it', async () => {
    const error = await apiError(
      await postRemedy('{"playlist": "secret-looking-text'),
      400,
      'malformed_json',
    );
    expect(JSON.stringify(error)).not.toContain('secret-looking-text');
  });

  it('rejects a body that is not JSON with 415, and no body with 400', async () => {
    await apiError(
      await postRemedy(`playlist=${PLAYLIST_ID}`, { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await apiError(
      await postRemedy(`playlist=${PLAYLIST_ID}`, { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    const empty = await fetch(`${api.url}/v1/remedies`, { method: 'POST', headers: api.auth });
    await apiError(empty, 400, 'missing_body');
  });

  it('rejects a body over 16 kB with 413', async () => {
    const before = await remedyCount();
    await apiError(
      await postRemedy({ playlist: PLAYLIST_ID, pad: 'x'.repeat(17 * 1024) }),
      413,
      'body_too_large',
    );
    expect(await remedyCount()).toBe(before);
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeated request with the same remedy, one record and one job', async () => {
    const [recordsBefore, jobsBefore] = [await remedyCount(), await fetchJobCount()];
    const first = await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'order-1' });
    const firstBody = await accepted(first);
    const second = await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'order-1' });
    expect(await accepted(second)).toEqual(firstBody);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await remedyCount()).toBe(recordsBefore + 1);
    expect(await fetchJobCount()).toBe(jobsBefore + 1);

    const other = await accepted(
      await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'order-2' }),
    );
    expect(other.id).not.toBe(firstBody.id);
  });

  it('creates one remedy for concurrent requests with the same key', async () => {
    const [recordsBefore, jobsBefore] = [await remedyCount(), await fetchJobCount()];
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'burst-1' }),
      ),
    );
    const ids = new Set(await Promise.all(responses.map(async (response) => (await accepted(response)).id)));
    expect(ids.size).toBe(1);
    expect(await remedyCount()).toBe(recordsBefore + 1);
    expect(await fetchJobCount()).toBe(jobsBefore + 1);
  });

  it('refuses a key reused for a different request with 422', async () => {
    const { id } = await accepted(
      await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'order-3' }),
    );
    const error = await apiError(
      await postRemedy({ playlist: PLAYLIST_ID, mode: 'dry-run' }, { 'idempotency-key': 'order-3' }),
      422,
      'idempotency_key_reused',
    );
    expect(error.details).toEqual({ id });
  });

  it('adds the job on replay when the first request recorded the remedy but did not enqueue it', async () => {
    const { record } = await api.store.create(REQUEST, 'half-done-1');
    expect(await api.queues.fetch.getJob(record.id)).toBeUndefined();
    const replay = await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': 'half-done-1' });
    expect((await accepted(replay)).id).toBe(record.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.queues.fetch.getJob(record.id))?.data.remedyId).toBe(record.id);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'order 4'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a control character', 'order\t4'],
  ])('rejects a key %s with 400', async (_case, key) => {
    const before = await remedyCount();
    await apiError(
      await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': key }),
      400,
      'invalid_idempotency_key',
    );
    expect(await remedyCount()).toBe(before);
  });

  it('accepts a key of 255 visible characters', async () => {
    await accepted(
      await postRemedy({ playlist: PLAYLIST_ID }, { 'idempotency-key': `~!${'k'.repeat(253)}` }),
    );
  });
});

describe('GET /v1/remedies/:id', () => {
  it('answers the record of a queued remedy, without a report', async () => {
    const { id } = await accepted(await postRemedy({ playlist: PLAYLIST_ID }));
    const response = await get(`/v1/remedies/${id}`);
    expect(response.status).toBe(200);
    const status = RemedyStatusSchema.parse(await response.json());
    expect(status).toMatchObject({
      id,
      state: 'queued',
      run: 0,
      request: REQUEST,
      error: null,
      report: null,
    });
    expect(status.progress).toEqual({ items: null, unavailable: null, matched: 0 });
    expect(status.timestamps.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('shows progress while the remedy runs', async () => {
    const { record } = await api.store.create(REQUEST);
    await api.store.setState(record.id, 0, 'matching', {
      playlistName: 'Road Trip',
      items: 60,
      unavailable: 3,
    });
    await api.store.markMatched(record.id, 0, [5]);
    const status = RemedyStatusSchema.parse(await (await get(`/v1/remedies/${record.id}`)).json());
    expect(status).toMatchObject({ state: 'matching', playlistName: 'Road Trip', report: null });
    expect(status.progress).toEqual({ items: 60, unavailable: 3, matched: 1 });
    expect(status.timestamps.matchStartedAt).not.toBeNull();
  });

  it('includes the report once the remedy is done', async () => {
    const id = await api.finishRemedy(sampleReport());
    const status = RemedyStatusSchema.parse(await (await get(`/v1/remedies/${id}`)).json());
    expect(status.state).toBe('done');
    expect(status.report).toEqual({ ...sampleReport(), remedyId: id });
  });

  it('answers a report of null when the finished remedy’s report has expired', async () => {
    const { record } = await api.store.create(REQUEST);
    await api.store.setState(record.id, 0, 'done', {
      reportRef: `${api.prefix}:cache:publish:v1:${'b'.repeat(64)}`,
    });
    const status = RemedyStatusSchema.parse(await (await get(`/v1/remedies/${record.id}`)).json());
    expect(status).toMatchObject({ state: 'done', report: null });
  });

  it('shows a failure with its step and reason', async () => {
    const { record } = await api.store.create(REQUEST);
    await api.store.fail(record.id, 0, 'fetch', 'TIDAL has no playlist with this id');
    const status = RemedyStatusSchema.parse(await (await get(`/v1/remedies/${record.id}`)).json());
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ step: 'fetch', message: 'TIDAL has no playlist with this id' });
  });

  it.each([
    ['an unknown id', 'rem-doesnotexist'],
    ['a malformed id', 'not-a-remedy'],
  ])('answers 404 for %s', async (_case, id) => {
    const error = await apiError(await get(`/v1/remedies/${id}`), 404, 'not_found');
    expect(error.message).toContain(id);
  });

  it('answers 500 without internals when a record is corrupt, and logs the cause', async () => {
    const id = 'rem-corrupted0001';
    await api.admin.hset(`${api.prefix}:remedy:${id}`, { id, state: 'exploded', run: '0', request: '{}' });
    const response = await get(`/v1/remedies/${id}`);
    const error = await apiError(response, 500, 'internal');
    const requestId = response.headers.get('x-request-id')!;
    expect(error.message).toContain(requestId);
    const text = JSON.stringify(error);
    for (const internal of ['Zod', 'exploded', api.prefix, 'at ', 'stack'])
      expect(text).not.toContain(internal);
    const logged = api.logs.find((line) => line.includes(requestId) && line.includes('"level":"error"'));
    expect(logged).toContain('"type":"ZodError"');
    expect(logged).toContain('RemedyStore.get');
  });
});

describe('POST /v1/remedies/:id/retry', () => {
  it('starts the next run of a failed remedy and adds its fetch job', async () => {
    const { id } = await accepted(await postRemedy({ playlist: PLAYLIST_ID }));
    await api.store.fail(id, 0, 'match', 'TIDAL answered 500 five times');

    const body = await accepted(await retry(id));
    expect(body).toMatchObject({ id, run: 1, status_url: `${api.url}/v1/remedies/${id}` });
    expect(await api.store.get(id)).toMatchObject({ state: 'queued', run: 1, error: null });
    const job = await api.queues.fetch.getJob(jobIds.fetch(id, 1));
    expect(job?.data).toEqual({ remedyId: id, run: 1, request: REQUEST });
  });

  it('refuses with 409 a remedy that has not failed', async () => {
    const { id } = await accepted(await postRemedy({ playlist: PLAYLIST_ID }));
    const running = await apiError(await retry(id), 409, 'not_retryable');
    expect(running.message).toContain('only a failed remedy can be retried');
    expect(running.details).toEqual({ state: 'queued' });

    await api.store.setState(id, 0, 'done', { reportRef: 'x' });
    const done = await apiError(await retry(id), 409, 'not_retryable');
    expect(done.message).toContain('POST /v1/remedies');
    expect((await api.store.get(id))?.run).toBe(0);
  });

  it('re-adds the job of a queued run that has none', async () => {
    const { record } = await api.store.create(REQUEST);
    const body = await accepted(await retry(record.id));
    expect(body.run).toBe(0);
    expect((await api.queues.fetch.getJob(record.id))?.data.run).toBe(0);
  });

  it('answers 404 for an unknown remedy', async () => {
    await apiError(await retry('rem-doesnotexist'), 404, 'not_found');
  });
});

describe('anything else', () => {
  it('answers an unknown route with a JSON 404 listing the routes', async () => {
    const error = await apiError(await get('/v2/nothing'), 404, 'not_found');
    expect(error.message).toContain('POST /v1/remedies');
  });

  it('keeps an inbound request id and answers it', async () => {
    const response = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'trace-42' } });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const generated = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(129) } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('PUBLIC_URL', () => {
  it('builds the links from it', async () => {
    const proxied = await startTestApi({ publicUrl: 'https://remedy.example/' });
    try {
      const response = await fetch(`${proxied.url}/v1/remedies`, {
        method: 'POST',
        headers: { ...proxied.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ playlist: PLAYLIST_ID }),
      });
      const body = RemedyAcceptedSchema.parse(await response.json());
      expect(body.status_url).toBe(`https://remedy.example/v1/remedies/${body.id}`);
      expect(body.report_url).toBe(`https://remedy.example/remedies/${body.id}`);
    } finally {
      await proxied.close();
    }
  });
});

describe('a 404 for a long id', () => {
  it.each([
    ['GET', '/v1/remedies/'],
    ['GET', '/remedies/'],
    ['GET', '/v1/watches/'],
    ['GET', '/no/such/route/'],
  ])('%s %s<5,000 characters> quotes only the first 80 and says how long it was', async (method, path) => {
    const id = `rem-${'x'.repeat(4_996)}`;
    const response = await fetch(`${api.url}${path}${id}`, { method, headers: api.auth });
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text.length).toBeLessThan(1_000);
    expect(text).not.toContain('x'.repeat(100));
    expect(text).toMatch(/… \(\d+ characters\)/);
  });
});
