import {
  catalogCredentials,
  clientFor,
  FIXTURE,
  startFixtureEmulator,
  emulatorTest as test,
} from '@tidal-remedy/test-support/tidal-emulator';
import { describe, expect } from 'vitest';
import { capQuery, MAX_QUERY_LENGTH } from './client.js';
import { parseTidalCredentials } from './credentials.js';
import {
  CredentialsRejectedError,
  IdempotentRequestInProgressError,
  RateLimitedError,
  TidalBadRequestError,
  TidalForbiddenError,
  TidalNotFoundError,
  TidalServerError,
  TidalTimeoutError,
} from './errors.js';

const US = { countryCode: 'US' };
const countOf = (requests: { method: string; path: string }[], method: string, path: string) =>
  requests.filter((request) => request.method === method && request.path === path).length;

describe('reading playlists', () => {
  test('gives the playlist metadata, including the last-modified time and owner', async ({ makeClient }) => {
    const meta = await makeClient().getPlaylist(FIXTURE.playlistId, US);
    expect(meta).toEqual({
      id: FIXTURE.playlistId,
      name: 'Road Trip Classics',
      description: 'Fixture playlist',
      lastModifiedAt: '2024-02-01T00:00:00.000Z',
      numberOfItems: 61,
      ownerId: FIXTURE.userId,
    });
  });

  test('lists every item across many pages, in order, keeping item ids', async ({ emulator, makeClient }) => {
    const client = makeClient();
    const items = await client.listPlaylistItems(FIXTURE.playlistId, US);

    const seeded = emulator.state().playlists.find((playlist) => playlist.id === FIXTURE.playlistId)!;
    expect(items.map((item) => item.itemId)).toEqual(seeded.items.map((item) => item.itemId));
    expect(items.map((item) => item.track.id)).toEqual(seeded.items.map((item) => item.trackId));
    expect(items.map((item) => item.position)).toEqual(seeded.items.map((_, n) => n));
    // 61 items in pages of 7.
    expect(countOf(emulator.requests(), 'GET', '/playlists/{id}/relationships/items')).toBe(9);
  });

  test('reads the metadata with the first page of items and their details, then the other pages after it', async ({
    emulator,
    makeClient,
  }) => {
    const client = makeClient();
    const { meta, firstPage } = await client.getPlaylistWithItems(FIXTURE.playlistId, US);
    expect(meta).toMatchObject({ id: FIXTURE.playlistId, numberOfItems: 61, ownerId: FIXTURE.userId });
    expect(firstPage?.refs).toHaveLength(7);
    expect(firstPage?.nextCursor).toEqual(expect.any(String));
    // The page came with its tracks' details (all but the one not returned in US).
    expect([...(firstPage?.tracks.keys() ?? [])]).toHaveLength(6);

    const items = await client.listPlaylistItems(FIXTURE.playlistId, { ...US, after: firstPage });
    const seeded = emulator.state().playlists.find((playlist) => playlist.id === FIXTURE.playlistId)!;
    expect(items.map((item) => [item.position, item.itemId])).toEqual(
      seeded.items.map((item, n) => [n, item.itemId]),
    );
    expect(countOf(emulator.requests(), 'GET', '/playlists/{id}')).toBe(1);
    // 61 items in pages of 7: the first came with the metadata.
    expect(countOf(emulator.requests(), 'GET', '/playlists/{id}/relationships/items')).toBe(8);
  });

  test('one call per page brings the tracks’ details: only a track not returned in the country is read apart', async ({
    emulator,
    makeClient,
  }) => {
    const items = await makeClient().listPlaylistItems(FIXTURE.playlistId, US);
    expect(items.every((item) => item.track.title !== '')).toBe(true);
    // 9 pages, and one bulk read (without a country) of the one track US does not return.
    expect(countOf(emulator.requests(), 'GET', '/playlists/{id}/relationships/items')).toBe(9);
    expect(countOf(emulator.requests(), 'GET', '/tracks')).toBe(1);
  });

  test('models both kinds of unavailability, keeping the details of a track not returned in the country', async ({
    makeClient,
  }) => {
    const items = await makeClient().listPlaylistItems(FIXTURE.playlistId, US);
    const byId = new Map(items.map((item) => [item.track.id, item.track]));

    expect(byId.get(FIXTURE.notInUsTrackId)).toMatchObject({
      title: 'Bohemian Rhapsody',
      isrc: FIXTURE.bohemianIsrc,
      durationMs: 355_000,
      artists: [{ id: '1', name: 'Queen' }],
      album: { id: '10', title: 'A Night at the Opera', type: 'ALBUM', releaseDate: '1975-11-21' },
      available: false,
      unavailableReason: 'not-in-country',
    });
    expect(byId.get(FIXTURE.noStreamTrackId)).toMatchObject({
      title: 'Under Pressure',
      artists: [
        { id: '1', name: 'Queen' },
        { id: '2', name: 'David Bowie' },
      ],
      available: false,
      unavailableReason: 'no-streaming',
    });
    expect(byId.get('104')).toMatchObject({
      title: 'Crazy in Love (feat. JAY-Z)',
      version: null,
      explicit: true,
      popularity: 0.9,
      artists: [
        { id: '3', name: 'Beyoncé' },
        { id: '6', name: 'JAY-Z' },
      ],
      available: true,
      unavailableReason: null,
    });
  });

  test('reads a playlist unknown to TIDAL as a not-found error carrying TIDAL’s detail', async ({
    makeClient,
  }) => {
    const error = await makeClient()
      .getPlaylist('00000000-0000-4000-8000-000000000000', US)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidalNotFoundError);
    expect((error as TidalNotFoundError).detail).toMatch(/Playlist 00000000-.* not found/);
    expect((error as TidalNotFoundError).status).toBe(404);
  });
});

describe('reading tracks', () => {
  test('reads tracks in bulk at the batch limit, with artists and albums', async ({
    emulator,
    makeClient,
  }) => {
    const ids = Array.from({ length: 40 }, (_, n) => String(1000 + n));
    const tracks = await makeClient().getTracks(ids, US);

    expect([...tracks.keys()]).toEqual(ids);
    expect(tracks.get('1000')).toMatchObject({
      title: 'Filler Song 1',
      durationMs: 180_000,
      artists: [{ id: '5', name: 'The Fillers' }],
      album: { id: '14', title: 'Filler Collection' },
      available: true,
    });
    expect(countOf(emulator.requests(), 'GET', '/tracks')).toBe(2);
  });

  test('a batch above the API’s limit is refused as a bad request naming the parameter', async ({
    makeClient,
  }) => {
    const ids = Array.from({ length: 21 }, (_, n) => String(1000 + n));
    const error = await makeClient({ maxIdsPerRequest: 21 })
      .getTracks(ids, US)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidalBadRequestError);
    expect((error as TidalBadRequestError).errors[0]?.source?.parameter).toBe('filter[id]');
    expect((error as Error).message).toContain('filter[id] accepts at most 20 values');
  });

  test('an id TIDAL does not know at all is absent from the result', async ({ makeClient }) => {
    const tracks = await makeClient().getTracks(['104', '999999'], US);
    expect([...tracks.keys()]).toEqual(['104']);
  });

  test('lists every release of a recording by ISRC, as returned in the country', async ({ makeClient }) => {
    const client = makeClient();
    const inUs = await client.listTracksByIsrc(FIXTURE.bohemianIsrc, US);
    const inGb = await client.listTracksByIsrc(FIXTURE.bohemianIsrc, { countryCode: 'GB' });
    expect(inUs.map((track) => track.id)).toEqual([FIXTURE.remasterTrackId]);
    expect(inUs[0]).toMatchObject({
      version: '2011 Remaster',
      album: {
        title: 'Greatest Hits',
        type: 'ALBUM',
        artists: [{ id: '1', name: 'Queen' }],
        numberOfItems: 2,
      },
      available: true,
    });
    expect(inGb.map((track) => track.id)).toEqual([FIXTURE.notInUsTrackId, FIXTURE.remasterTrackId]);
  });

  test('looks ISRCs up in bulk, one track each', async ({ emulator, makeClient }) => {
    const tracks = await makeClient().getTracksByIsrc(
      [FIXTURE.bohemianIsrc, 'GBUM71100001', 'USSM10300001', 'XX0000000000'],
      US,
    );
    expect(Object.fromEntries([...tracks].map(([isrc, track]) => [isrc, track.id]))).toEqual({
      [FIXTURE.bohemianIsrc]: FIXTURE.remasterTrackId,
      GBUM71100001: FIXTURE.noStreamTrackId,
      USSM10300001: '104',
    });
    expect(countOf(emulator.requests(), 'GET', '/tracks')).toBe(1);
  });

  test('searches tracks by relevance, following result pages up to the limit', async ({
    emulator,
    makeClient,
  }) => {
    const client = makeClient();
    await client.getTracks(['104'], US); // the catalog token, obtained before counting
    emulator.clearRequests();
    const hits = await client.searchTracks('queen bohemian rhapsody', US);
    expect(hits.map((track) => track.id).slice(0, 2)).toEqual([FIXTURE.remasterTrackId, '102']);
    expect(hits.map((track) => track.id)).not.toContain(FIXTURE.notInUsTrackId);
    expect(hits[0]).toMatchObject({
      artists: [{ id: '1', name: 'Queen' }],
      album: { id: '11', type: 'ALBUM', artists: [{ id: '1', name: 'Queen' }] },
      available: true,
    });
    // The details come with the results: one call, no bulk read of the candidates.
    expect(emulator.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /searchResults',
    ]);

    const many = await client.searchTracks('filler song', { ...US, limit: 30 });
    expect(many).toHaveLength(30);
    expect(many.every((track) => track.artists.length > 0)).toBe(true);
    // Pages of 7: the first from /searchResults, four more from its tracks relationship.
    expect(countOf(emulator.requests(), 'GET', '/searchResults/{id}/relationships/tracks')).toBe(4);
    expect(countOf(emulator.requests(), 'GET', '/tracks')).toBe(0);
  });
});

describe('writing playlists', () => {
  test('creates a playlist, adds items at a position and removes items by item id', async ({
    emulator,
    makeClient,
  }) => {
    const client = makeClient();
    const created = await client.createPlaylist({
      name: 'Road Trip Classics (remedied)',
      description: 'fixed',
    });
    expect(created).toMatchObject({ name: 'Road Trip Classics (remedied)', numberOfItems: 0 });

    const first = await client.addItems(created.id, [FIXTURE.remasterTrackId, '104']);
    const fourth = first.added[1]!;
    const inserted = await client.addItems(created.id, ['102', '105'], { positionBefore: fourth.itemId });
    expect(inserted.added.map((item) => item.trackId)).toEqual(['102', '105']);

    await client.removeItems(created.id, [first.added[0]!]);
    const items = await client.listPlaylistItemRefs(created.id);
    expect(items.map((item) => item.trackId)).toEqual(['102', '105', '104']);
    expect(items.map((item) => item.itemId)).toEqual([
      ...inserted.added.map((item) => item.itemId),
      fourth.itemId,
    ]);
    expect(
      emulator
        .state()
        .playlists.find((p) => p.id === created.id)
        ?.items.map((i) => i.trackId),
    ).toEqual(['102', '105', '104']);

    const after = await client.getPlaylist(created.id);
    expect(after.numberOfItems).toBe(3);
    expect(Date.parse(after.lastModifiedAt!)).toBeGreaterThan(Date.parse(created.lastModifiedAt!));
  });

  test('adds more than 50 tracks in order, 50 per request, reporting skipped ids', async ({
    emulator,
    makeClient,
  }) => {
    const client = makeClient();
    const playlist = await client.createPlaylist({ name: 'big' });
    const ids = Array.from({ length: FIXTURE.fillerCount }, (_, n) => String(1000 + n));
    const result = await client.addItems(playlist.id, [...ids, '999999']);
    expect(result.added.map((item) => item.trackId)).toEqual(ids);
    expect(result.skipped).toEqual(['999999']);
    expect(countOf(emulator.requests(), 'POST', '/playlists/{id}/relationships/items')).toBe(2);
    const refs = await client.listPlaylistItemRefs(playlist.id);
    expect(refs.map((ref) => ref.trackId)).toEqual(ids);
  });

  test('a write repeated with the same idempotency key happens once', async ({ emulator, makeClient }) => {
    const client = makeClient();
    const playlist = await client.createPlaylist({ name: 'once' }, { idempotencyKey: 'rem-abc-create' });
    const again = await client.createPlaylist({ name: 'once' }, { idempotencyKey: 'rem-abc-create' });
    expect(again.id).toBe(playlist.id);
    const a = await client.addItems(playlist.id, ['104'], { idempotencyKey: 'rem-abc-add' });
    const b = await client.addItems(playlist.id, ['104'], { idempotencyKey: 'rem-abc-add' });
    expect(b).toEqual(a);
    expect(emulator.state().playlists.filter((p) => p.name === 'once')).toHaveLength(1);
    expect((await client.listPlaylistItemRefs(playlist.id)).length).toBe(1);
  });

  test('lists its own playlists newest first, across pages, and stops at the first one it looks for', async () => {
    // One millisecond apart: on a fast machine several writes fall in one millisecond, and TIDAL promises
    // no order among equal times (the next test).
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const emulator = await startFixtureEmulator({ now: () => (clock += 1), pageSize: 7 });
    try {
      const client = clientFor(emulator);
      const names = Array.from({ length: 25 }, (_, n) => `mine ${n}`);
      for (const name of names) await client.createPlaylist({ name });
      const all = await client.listOwnPlaylists();
      const mine = all.filter((playlist) => playlist.name.startsWith('mine '));
      expect(mine.map((playlist) => playlist.name)).toEqual([...names].reverse());
      expect(all.every((playlist) => playlist.id !== FIXTURE.otherPlaylistId)).toBe(true);

      emulator.clearRequests();
      const found = await client.listOwnPlaylists({ until: (playlist) => playlist.name === 'mine 23' });
      expect(found.at(-1)?.name).toBe('mine 23');
      expect(countOf(emulator.requests(), 'GET', '/playlists')).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  test('finds the playlist it looks for among playlists changed in the same millisecond, in any order', async () => {
    const frozen = Date.parse('2026-03-01T12:00:00Z');
    const emulator = await startFixtureEmulator({ now: () => frozen, pageSize: 7 });
    try {
      const client = clientFor(emulator);
      const names = Array.from({ length: 25 }, (_, n) => `tied ${n}`);
      for (const name of names) await client.createPlaylist({ name });
      const all = await client.listOwnPlaylists();
      const tied = all.filter((playlist) => playlist.name.startsWith('tied '));
      // All 25, across pages, each once; their order among equal times is TIDAL's to choose.
      expect(tied.map((playlist) => playlist.name).sort()).toEqual([...names].sort());
      expect(tied.every((playlist) => playlist.lastModifiedAt === new Date(frozen).toISOString())).toBe(true);
      for (const name of ['tied 0', 'tied 12', 'tied 24']) {
        const found = await client.listOwnPlaylists({ until: (playlist) => playlist.name === name });
        expect(found.at(-1)?.name).toBe(name);
      }
    } finally {
      await emulator.close();
    }
  });

  test('a catalog-only token may read but not write', async ({ makeClient }) => {
    const client = makeClient({ credentials: catalogCredentials() });
    await expect(client.getTracks(['104'], US)).resolves.toHaveProperty('size', 1);
    await expect(client.createPlaylist({ name: 'nope' })).rejects.toBeInstanceOf(TidalForbiddenError);
  });

  test('writing someone else’s playlist is forbidden', async ({ makeClient }) => {
    await expect(makeClient().addItems(FIXTURE.otherPlaylistId, ['104'])).rejects.toBeInstanceOf(
      TidalForbiddenError,
    );
  });
});

describe('TIDAL as its spec has it', () => {
  test('reads streamability from usage rules, so a greyed-out track stays found when availability is gone', async () => {
    const emulator = await startFixtureEmulator({ sendAvailability: false, pageSize: 7 });
    try {
      const items = await clientFor(emulator).listPlaylistItems(FIXTURE.playlistId, US);
      const pressure = items.find((item) => item.track.id === FIXTURE.noStreamTrackId)?.track;
      expect(pressure).toMatchObject({ available: false, unavailableReason: 'no-streaming' });
      expect(items.filter((item) => !item.track.available).map((item) => item.track.id)).toEqual([
        FIXTURE.notInUsTrackId,
        FIXTURE.noStreamTrackId,
      ]);
    } finally {
      await emulator.close();
    }
  });

  test('waits out a write TIDAL says is still in progress (409), and gets its answer replayed', async ({
    emulator,
    makeClient,
  }) => {
    // The first attempt is held past the client's timeout, so the client retries with the same key while
    // TIDAL is still processing it: 409 IDEMPOTENT_REQUEST_IN_PROGRESS until it completes.
    emulator.injectFault({ delayMs: 1_000, count: 1, method: 'POST', path: '/playlists' });
    const client = makeClient({ timeoutMs: 600 });
    const created = await client.createPlaylist({ name: 'in progress' }, { idempotencyKey: 'rem-busy' });
    const statuses = emulator
      .requests()
      .filter((request) => request.method === 'POST' && request.path === '/playlists')
      .map((request) => request.status);
    expect(statuses).toContain(409);
    expect(statuses.at(-1)).toBe(201);
    expect(
      emulator
        .state()
        .playlists.filter((p) => p.name === 'in progress')
        .map((p) => p.id),
    ).toEqual([created.id]);
  });

  test('gives up on a write still in progress after its timeout, with a retryable error', async ({
    emulator,
    makeClient,
  }) => {
    emulator.injectFault({ delayMs: 5_000, count: 1, method: 'POST', path: '/playlists' });
    const error = await makeClient({ timeoutMs: 300 })
      .createPlaylist({ name: 'slow' }, { idempotencyKey: 'rem-slow' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotentRequestInProgressError);
    expect((error as IdempotentRequestInProgressError).retryable).toBe(true);
  });

  test('cuts a search query to the spec’s 256 characters, at a word', async ({ emulator, makeClient }) => {
    const words = Array.from({ length: 60 }, () => 'filler').join(' ');
    expect([...words].length).toBeGreaterThan(MAX_QUERY_LENGTH);
    const hits = await makeClient().searchTracks(words, US);
    expect(hits.length).toBeGreaterThan(0);
    expect(
      emulator
        .requests()
        .filter((r) => r.path === '/searchResults')
        .map((r) => r.status),
    ).toEqual([200]);
    expect(capQuery(words)).toBe(Array.from({ length: 36 }, () => 'filler').join(' '));
    expect([...capQuery('x'.repeat(300))].length).toBe(MAX_QUERY_LENGTH);
  });

  test('reads the catalog with a client-credentials token, and the playlists with the user’s', async ({
    emulator,
    makeClient,
  }) => {
    // The emulator refuses GET /tracks to a third-party user token (the spec lists only r_usr for users).
    const client = makeClient();
    await expect(client.getTracks(['104'], US)).resolves.toHaveProperty('size', 1);
    await expect(client.searchTracks('queen', US)).resolves.not.toHaveLength(0);
    await expect(client.getPlaylist(FIXTURE.playlistId, US)).resolves.toHaveProperty(
      'ownerId',
      FIXTURE.userId,
    );
    expect(emulator.requests().filter((r) => r.status === 403)).toEqual([]);
    expect(countOf(emulator.requests(), 'POST', '/oauth2/token')).toBe(2);
  });

  test('without the app’s secret, a catalog read is refused, saying what to add', async ({ makeClient }) => {
    const client = makeClient({
      credentials: parseTidalCredentials({
        client_id: FIXTURE.userClient.clientId,
        refresh_token: FIXTURE.userClient.refreshToken,
      }),
    });
    const error = await client.getTracks(['104'], US).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidalForbiddenError);
    expect((error as Error).message).toMatch(/add the app’s client_secret/);
  });

  test('keeps an item whose details TIDAL hides, as an undescribed track at its position', async ({
    makeClient,
  }) => {
    const items = await makeClient().listPlaylistItems(FIXTURE.hiddenPlaylistId, US);
    expect(items.map((item) => [item.position, item.track.id, item.track.title])).toEqual([
      [0, '104', 'Crazy in Love (feat. JAY-Z)'],
      [1, FIXTURE.hiddenTrackId, ''],
      [2, '105', 'Merry Christmas Mr. Lawrence'],
    ]);
    expect(items[1]?.track).toMatchObject({ artists: [], available: false });
  });
});

describe('resilience', () => {
  test('retries 500s with backoff and counts each attempt', async ({ emulator, makeClient }) => {
    emulator.injectFault({ status: 500, count: 2, path: '/playlists/{id}' });
    const client = makeClient();
    await expect(client.getPlaylist(FIXTURE.playlistId, US)).resolves.toHaveProperty('name');
    expect(client.stats.snapshot().byEndpointAndOutcome['GET /playlists/{id}']).toEqual({
      '500': 2,
      '200': 1,
    });
  });

  test('gives up on 500s after the bounded retries with a server error', async ({ emulator, makeClient }) => {
    emulator.injectFault({ status: 503, count: 10, path: '/playlists/{id}' });
    const client = makeClient({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    await expect(client.getPlaylist(FIXTURE.playlistId, US)).rejects.toBeInstanceOf(TidalServerError);
    expect(client.stats.snapshot().byEndpoint['GET /playlists/{id}']).toBe(3);
  });

  test('a 429 is a RateLimitedError with Retry-After when the caller opts out of waiting', async () => {
    const emulator = await startFixtureEmulator({ rateLimit: { requestsPerSecond: 0.001, burst: 2 } });
    try {
      const client = clientFor(emulator, { rateLimit: { maxRetries: 0 } });
      await client.getPlaylist(FIXTURE.playlistId);
      await client.getPlaylist(FIXTURE.playlistId);
      const error = await client.getPlaylist(FIXTURE.playlistId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);
      expect(client.stats.snapshot().byEndpointAndOutcome['GET /playlists/{id}']).toEqual({
        '200': 2,
        '429': 1,
      });
    } finally {
      await emulator.close();
    }
  });

  test('waits out a short Retry-After when allowed to', async ({ emulator, makeClient }) => {
    emulator.injectFault({ status: 429, count: 2, retryAfterSeconds: 0, path: '/tracks' });
    const client = makeClient({ rateLimit: { maxRetries: 2 } });
    await expect(client.getTracks(['104'], US)).resolves.toHaveProperty('size', 1);
    expect(client.stats.snapshot().byEndpointAndOutcome['GET /tracks']).toEqual({ '429': 2, '200': 1 });
  });

  test('a Retry-After above the allowed wait is handed to the caller at once', async ({
    emulator,
    makeClient,
  }) => {
    emulator.injectFault({ status: 429, count: 1, retryAfterSeconds: 120, path: '/tracks' });
    const error = await makeClient({ rateLimit: { maxRetries: 5, maxWaitMs: 10_000 } })
      .getTracks(['104'], US)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
  });

  test('times out a stalled request and retries it', async ({ emulator, makeClient }) => {
    emulator.injectFault({ delayMs: 10_000, count: 1, path: '/playlists/{id}' });
    const client = makeClient({ timeoutMs: 500 });
    await expect(client.getPlaylist(FIXTURE.playlistId)).resolves.toHaveProperty('id', FIXTURE.playlistId);
    expect(client.stats.snapshot().byEndpointAndOutcome['GET /playlists/{id}']).toEqual({
      timeout: 1,
      '200': 1,
    });
  });

  test('a request that keeps stalling ends in a timeout error', async ({ emulator, makeClient }) => {
    emulator.injectFault({ delayMs: 10_000, count: 5, path: '/playlists/{id}' });
    const client = makeClient({ timeoutMs: 300, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(client.getPlaylist(FIXTURE.playlistId)).rejects.toBeInstanceOf(TidalTimeoutError);
  });

  test('a write is retried after a 500 without being applied twice', async ({ emulator, makeClient }) => {
    const client = makeClient();
    const playlist = await client.createPlaylist({ name: 'retry' });
    emulator.injectFault({
      status: 500,
      count: 1,
      method: 'POST',
      path: '/playlists/{id}/relationships/items',
    });
    await client.addItems(playlist.id, ['104']);
    expect((await client.listPlaylistItemRefs(playlist.id)).map((ref) => ref.trackId)).toEqual(['104']);
  });
});

describe('auth', () => {
  test('on a 401 renews the token once and repeats the request', async ({ emulator, makeClient }) => {
    const client = makeClient();
    await client.getPlaylist(FIXTURE.playlistId);
    emulator.expireTokens();
    emulator.clearRequests();
    await expect(client.getPlaylist(FIXTURE.playlistId)).resolves.toHaveProperty('id');
    expect(emulator.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /playlists/{id} 401',
      'POST /oauth2/token 200',
      'GET /playlists/{id} 200',
    ]);
  });

  test('renews the token before it expires, once for concurrent callers', async ({
    emulator,
    makeClient,
  }) => {
    let clock = Date.now();
    const client = makeClient({ now: () => clock });
    await client.getPlaylist(FIXTURE.playlistId);
    clock += 3600_000 - 30_000; // within the refresh skew of the 1 h token
    await Promise.all([
      client.getPlaylist(FIXTURE.playlistId),
      client.getPlaylist(FIXTURE.playlistId),
      client.getPlaylist(FIXTURE.playlistId),
    ]);
    expect(countOf(emulator.requests(), 'POST', '/oauth2/token')).toBe(2);
    expect(emulator.requests().filter((r) => r.status === 401)).toEqual([]);
  });

  test('renews a token that lives less than the refresh skew at half its life, not before every request', async () => {
    const emulator = await startFixtureEmulator({ tokenLifetimeSeconds: 40 });
    try {
      let clock = Date.now();
      const client = clientFor(emulator, { now: () => clock });
      await client.getPlaylist(FIXTURE.playlistId);
      await client.getPlaylist(FIXTURE.playlistId);
      clock += 19_000;
      await client.getPlaylist(FIXTURE.playlistId);
      expect(countOf(emulator.requests(), 'POST', '/oauth2/token')).toBe(1);
      clock += 2_000; // past half of the 40 s lifetime
      await client.getPlaylist(FIXTURE.playlistId);
      expect(countOf(emulator.requests(), 'POST', '/oauth2/token')).toBe(2);
    } finally {
      await emulator.close();
    }
  });

  test('a refused refresh token is a CredentialsRejectedError saying what to do', async ({ makeClient }) => {
    const client = makeClient({
      credentials: parseTidalCredentials({
        client_id: FIXTURE.userClient.clientId,
        refresh_token: 'revoked-refresh-token',
      }),
    });
    const error = await client.getPlaylist(FIXTURE.playlistId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsRejectedError);
    expect((error as Error).message).toMatch(/invalid_grant/);
    expect((error as Error).message).toMatch(/update the tidal-creds secret/);
    expect((error as Error).message).not.toContain('revoked-refresh-token');
  });

  test('an expired access token with nothing to renew it is a CredentialsRejectedError', async ({
    makeClient,
  }) => {
    const client = makeClient({
      credentials: parseTidalCredentials({ access_token: 'stale-token', expires_at: 1_000_000_000 }),
    });
    await expect(client.getPlaylist(FIXTURE.playlistId)).rejects.toThrow(/no client_id with a refresh_token/);
  });
});
