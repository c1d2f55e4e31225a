import { ApiErrorSchema, RemedyAcceptedSchema, RemedyStatusSchema } from '@tidal-remedy/contracts';
import { jobIds } from '@tidal-remedy/queue';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { PLAYLIST_ID, sampleReport } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './auth.js';

let api: TestApi;
let session: string;

const proposed = () => sampleReport({ mode: 'review', published: null });

beforeAll(async () => {
  api = await startTestApi();
  const login = await fetch(`${api.url}/?token=${TEST_TOKEN}`, { redirect: 'manual' });
  session = login.headers.getSetCookie()[0]!.split(';')[0]!;
  expect(session.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
});
afterAll(async () => {
  await api?.close();
});

async function publish(id: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/v1/remedies/${id}/publish`, {
    method: 'POST',
    headers: {
      ...api.auth,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { response, body: await response.json().catch(() => null) };
}

async function publishJobState(id: string): Promise<string | undefined> {
  return (await api.queues.publish.getJob(jobIds.publish(id, 0)))?.getState();
}

describe('POST /v1/remedies/:id/publish', () => {
  it('shows the proposed report, with every candidate, while the remedy awaits review', async () => {
    const id = await api.awaitReview(proposed());
    const status = RemedyStatusSchema.parse(
      await (await fetch(`${api.url}/v1/remedies/${id}`, { headers: api.auth })).json(),
    );
    expect(status.state).toBe('awaiting-review');
    expect(status.report?.mode).toBe('review');
    expect(status.report?.items.find((item) => item.position === 4)?.runnersUp).toHaveLength(2);
  });

  it('approves with overrides: the approval is kept, the state is publishing, the parked job released', async () => {
    const id = await api.awaitReview(proposed());
    expect(await publishJobState(id)).toBe('delayed');
    const overrides = [
      { position: 4, action: 'pick', trackId: '3005' },
      { position: 1, action: 'reject' },
    ];
    const { response, body } = await publish(id, { mode: 'in-place', overrides });
    expect(response.status).toBe(202);
    expect(RemedyAcceptedSchema.parse(body)).toMatchObject({ id, run: 0 });
    const record = (await api.store.get(id))!;
    expect(record.state).toBe('publishing');
    expect(record.approval).toMatchObject({ mode: 'in-place', overrides });
    expect(await publishJobState(id)).toBe('waiting');

    const again = await publish(id, {});
    expect(again.response.status).toBe(409);
    expect(ApiErrorSchema.parse(again.body)).toMatchObject({
      error: 'not_awaiting_review',
      details: { state: 'publishing' },
    });
  });

  it('takes no body at all: publish as proposed, as a new playlist', async () => {
    const id = await api.awaitReview(proposed());
    expect((await publish(id)).response.status).toBe(202);
    expect((await api.store.get(id))!.approval).toMatchObject({ mode: 'new', overrides: [] });
  });

  it.each([
    [{ overrides: [{ position: 2, action: 'reject' }] }, 'overrides.0.position', /not an unavailable item/],
    [
      { overrides: [{ position: 4, action: 'pick', trackId: '9999' }] },
      'overrides.0.trackId',
      /not a candidate for position 4; pick one of 2005, 3005, 3006/,
    ],
    [{ overrides: [{ position: 7, action: 'pick' }] }, 'overrides.0.trackId', /give trackId/],
    [
      {
        overrides: [
          { position: 7, action: 'reject' },
          { position: 7, action: 'accept' },
        ],
      },
      'overrides.1.position',
      /twice/,
    ],
    [{ mode: 'dry-run' }, 'mode', /./],
    [{ overrides: 'all' }, 'overrides', /./],
    [{ approve: true }, '', /approve/],
  ])(
    'refuses %j with 400 and the issue at %s, leaving the remedy awaiting review',
    async (bad, path, message) => {
      const id = await api.awaitReview(proposed());
      const { response, body } = await publish(id, bad);
      expect(response.status).toBe(400);
      const error = ApiErrorSchema.parse(body);
      expect(error.error).toBe('invalid_request');
      expect((error.details as { issues: unknown[] }).issues).toContainEqual({
        path,
        message: expect.stringMatching(message),
      });
      expect((await api.store.get(id))!.state).toBe('awaiting-review');
      expect(await publishJobState(id)).toBe('delayed');
    },
  );

  it('answers 409 for a remedy not in review mode, and for one not yet awaiting review', async () => {
    const finished = await api.finishRemedy(sampleReport());
    const notReview = await publish(finished, {});
    expect(notReview.response.status).toBe(409);
    expect(ApiErrorSchema.parse(notReview.body)).toMatchObject({
      error: 'not_in_review',
      details: { mode: 'new' },
    });

    const { record } = await api.store.create({
      playlist: PLAYLIST_ID,
      mode: 'review',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
    });
    await api.store.setState(record.id, 0, 'matching');
    const early = await publish(record.id, {});
    expect(early.response.status).toBe(409);
    expect(ApiErrorSchema.parse(early.body).message).toContain('Wait until its state is awaiting-review');
  });

  it('answers 404 for an unknown remedy, 415 for a body that is not JSON', async () => {
    expect((await publish('rem-doesnotexist', {})).response.status).toBe(404);
    const id = await api.awaitReview(proposed());
    const text = await publish(id, 'mode=new', { 'content-type': 'text/plain' });
    expect(text.response.status).toBe(415);
    expect((await publish(id, '{"mode":', {})).response.status).toBe(400);
  });

  it('releases a parked job whose approval was recorded but not released (the API stopped in between)', async () => {
    const id = await api.awaitReview(proposed());
    await api.store.approve(id, 0, { mode: 'new', overrides: [], approvedAt: new Date().toISOString() });
    expect(await publishJobState(id)).toBe('delayed');
    expect((await publish(id, {})).response.status).toBe(202);
    expect(await publishJobState(id)).toBe('waiting');
  });
});

describe('the review form on the page', () => {
  const pageHeaders = () => ({ cookie: session });

  async function pageOf(id: string) {
    const response = await fetch(`${api.url}/remedies/${id}`, { headers: pageHeaders() });
    const text = await response.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(text)?.[1];
    return { response, text, csrf };
  }

  /** Posts a form as a browser on the page would; a header given as null is left out. */
  async function postForm(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string | null> = {},
  ) {
    const all = {
      ...pageHeaders(),
      'content-type': 'application/x-www-form-urlencoded',
      origin: api.url,
      ...headers,
    };
    return fetch(`${api.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: Object.fromEntries(
        Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
      ),
      body: new URLSearchParams(fields).toString(),
    });
  }

  it('publishes what the form says, once, and sends the browser back to the page', async () => {
    const id = await api.awaitReview(proposed());
    const { response, text, csrf } = await pageOf(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(text).toContain(`action="/remedies/${id}/publish"`);
    const fields = {
      csrf: csrf!,
      mode: 'new',
      'choice-1': 'accept',
      'choice-4': 'pick:3006',
      'choice-7': 'accept',
    };
    const posted = await postForm(`/remedies/${id}/publish`, fields);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/remedies/${id}`);
    expect((await api.store.get(id))!.approval?.overrides).toEqual([
      { position: 4, action: 'pick', trackId: '3006' },
    ]);
    // A second click lands on the page too, and changes nothing.
    expect((await postForm(`/remedies/${id}/publish`, { ...fields, 'choice-4': 'reject' })).status).toBe(303);
    expect((await api.store.get(id))!.approval?.overrides).toHaveLength(1);
  });

  it('refuses a post without the token, with another remedy’s token, or from another site', async () => {
    const id = await api.awaitReview(proposed());
    const other = await api.awaitReview(proposed());
    const { csrf } = await pageOf(id);
    const { csrf: otherCsrf } = await pageOf(other);
    const attempts: Array<[Record<string, string>, Record<string, string | null>]> = [
      [{ mode: 'new' }, {}],
      [{ mode: 'new', csrf: otherCsrf! }, {}],
      [{ mode: 'new', csrf: `${csrf}x` }, {}],
      [{ mode: 'new', csrf: csrf! }, { origin: 'https://evil.example' }],
      [{ mode: 'new', csrf: csrf! }, { origin: 'null' }],
      [
        { mode: 'new', csrf: csrf! },
        { origin: '', 'sec-fetch-site': 'cross-site' },
      ],
    ];
    for (const [fields, headers] of attempts) {
      const response = await postForm(`/remedies/${id}/publish`, fields, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(ApiErrorSchema.parse(await response.json()).error).toBe('forbidden');
    }
    expect((await api.store.get(id))!.state).toBe('awaiting-review');
    // A client that sends neither Origin nor Sec-Fetch-Site (not a browser) is judged by the token alone.
    const plain = await postForm(`/remedies/${id}/publish`, { mode: 'new', csrf: csrf! }, { origin: null });
    expect(plain.status, await plain.clone().text()).toBe(303);
  });

  it('refuses a tampered choice as the API does', async () => {
    const id = await api.awaitReview(proposed());
    const { csrf } = await pageOf(id);
    const response = await postForm(`/remedies/${id}/publish`, { csrf: csrf!, 'choice-4': 'pick:9999' });
    expect(response.status).toBe(400);
    expect((await api.store.get(id))!.state).toBe('awaiting-review');
  });

  it('starts a remedy from the start page, in review mode by default', async () => {
    const start = await fetch(`${api.url}/`, { headers: pageHeaders() });
    expect(start.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await start.text())![1]!;
    const posted = await postForm('/remedies', {
      csrf,
      playlist: `https://tidal.com/browse/playlist/${PLAYLIST_ID}`,
      mode: 'review',
      unmatched: 'keep',
      countryCode: 'gb',
    });
    expect(posted.status).toBe(303);
    const id = /^\/remedies\/(rem-[\w-]+)$/.exec(posted.headers.get('location') ?? '')![1]!;
    expect((await api.store.get(id))!.request).toEqual({
      playlist: PLAYLIST_ID,
      mode: 'review',
      unmatched: 'keep',
      countryCode: 'GB',
      refresh: false,
    });
    expect(await api.queues.fetch.getJob(jobIds.fetch(id))).toBeDefined();

    const bad = await postForm('/remedies', { csrf, playlist: 'not a playlist', countryCode: 'US' });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('value="not a playlist"');
    expect((await postForm('/remedies', { playlist: PLAYLIST_ID })).status).toBe(403);
  });

  it('retries a failed remedy from its page, once, with the anti-forgery token', async () => {
    const { record } = await api.store.create({
      playlist: PLAYLIST_ID,
      mode: 'new',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
    });
    await api.store.fail(record.id, 0, 'match', 'TIDAL answered 500 five times');
    const { text, csrf } = await pageOf(record.id);
    expect(text).toContain(`action="/remedies/${record.id}/retry"`);
    expect(text).not.toContain('Retry it with <code>POST');
    expect((await postForm(`/remedies/${record.id}/retry`, {})).status).toBe(403);
    expect(await api.store.get(record.id)).toMatchObject({ state: 'failed', run: 0 });

    const posted = await postForm(`/remedies/${record.id}/retry`, { csrf: csrf! });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/remedies/${record.id}`);
    expect(await api.store.get(record.id)).toMatchObject({ state: 'queued', run: 1 });
    expect(await api.queues.fetch.getJob(jobIds.fetch(record.id, 1))).toBeDefined();
    // The token was for run 0: a second click starts nothing more.
    expect((await postForm(`/remedies/${record.id}/retry`, { csrf: csrf! })).status).toBe(403);
    expect(await api.store.get(record.id)).toMatchObject({ run: 1 });
  });
});
