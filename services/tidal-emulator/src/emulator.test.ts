import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from './emulator.js';
import { FIXTURE } from './testing/fixture-seed.js';
import { api, catalogToken, JSON_API, type Json, startFixture, token, userToken } from './testing/http.js';

const P = FIXTURE.playlistId;

let emulator: EmulatorHandle;
let user: string;
let catalog: string;

beforeAll(async () => {
  emulator = await startFixture({ pageSize: 20 });
  user = await userToken(emulator);
  catalog = await catalogToken(emulator);
});
afterEach(() => {
  emulator.reset();
});
afterAll(async () => {
  await emulator.close();
});

function expectErrorDocument(body: Json, status: number) {
  expect(body).toEqual({
    errors: [
      expect.objectContaining({
        id: expect.any(String),
        status: String(status),
        code: expect.any(String),
        detail: expect.any(String),
      }),
    ],
  });
}

describe('token endpoint', () => {
  it('grants client credentials a catalog token, TIDAL’s response shape', async () => {
    const { status, body } = await token(emulator, {
      grant_type: 'client_credentials',
      client_id: FIXTURE.catalogClient.clientId,
      client_secret: FIXTURE.catalogClient.clientSecret,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: '',
    });
  });

  it('accepts client credentials as HTTP Basic too', async () => {
    const basic = Buffer.from(
      `${FIXTURE.catalogClient.clientId}:${FIXTURE.catalogClient.clientSecret}`,
    ).toString('base64');
    const response = await fetch(emulator.authUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
  });

  it('exchanges a seeded refresh token for a user token', async () => {
    const { status, body } = await token(emulator, {
      grant_type: 'refresh_token',
      client_id: FIXTURE.userClient.clientId,
      refresh_token: FIXTURE.userClient.refreshToken,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      user_id: Number(FIXTURE.userId),
      scope: expect.stringContaining('playlists.write'),
    });
  });

  it.each([
    [
      { grant_type: 'client_credentials', client_id: FIXTURE.catalogClient.clientId, client_secret: 'wrong' },
      401,
      'invalid_client',
    ],
    [{ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }, 401, 'invalid_client'],
    [
      { grant_type: 'refresh_token', client_id: FIXTURE.userClient.clientId, refresh_token: 'revoked' },
      400,
      'invalid_grant',
    ],
    [
      {
        grant_type: 'refresh_token',
        client_id: FIXTURE.catalogClient.clientId,
        refresh_token: FIXTURE.userClient.refreshToken,
      },
      400,
      'invalid_grant',
    ],
    [{ grant_type: 'password', client_id: FIXTURE.userClient.clientId }, 400, 'unsupported_grant_type'],
  ])('refuses %j with %i %s, as an OAuth error', async (form, status, error) => {
    const result = await token(emulator, form);
    expect(result.status).toBe(status);
    expect(result.body).toEqual({
      status,
      error,
      sub_status: expect.any(Number),
      error_description: expect.any(String),
    });
  });
});

describe('authentication of API requests', () => {
  it.each([
    [null, 'Missing or malformed Authorization header'],
    ['not-a-token', 'Access token is not valid'],
  ])('refuses token %j with a JSON:API 401', async (accessToken, detail) => {
    const { status, headers, body } = await api(emulator, accessToken, `/playlists/${P}`);
    expect(status).toBe(401);
    expect(headers.get('content-type')).toBe(JSON_API);
    expectErrorDocument(body, 401);
    expect(body.errors[0].detail).toContain(detail);
  });

  it('refuses an expired token', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const timed = await startFixture({ now: () => clock, tokenLifetimeSeconds: 60 });
    try {
      const accessToken = await userToken(timed);
      expect((await api(timed, accessToken, `/playlists/${P}`)).status).toBe(200);
      clock += 60_000;
      const expired = await api(timed, accessToken, `/playlists/${P}`);
      expect(expired.status).toBe(401);
      expect(expired.body.errors[0].detail).toBe('Access token has expired');
    } finally {
      await timed.close();
    }
  });

  it('refuses an Accept it cannot satisfy with 406', async () => {
    const { status } = await api(emulator, user, `/playlists/${P}`, { headers: { Accept: 'text/html' } });
    expect(status).toBe(406);
  });
});

describe('GET /playlists/{id}', () => {
  it('is a JSON:API document with TIDAL’s playlist attributes and relationship links', async () => {
    const { status, headers, body } = await api(
      emulator,
      catalog,
      `/playlists/${P}?countryCode=US&include=owners`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe(JSON_API);
    expect(body.links).toEqual({ self: `/playlists/${P}?countryCode=US&include=owners` });
    expect(body.data).toMatchObject({
      id: P,
      type: 'playlists',
      attributes: {
        name: 'Road Trip Classics',
        description: 'Fixture playlist',
        accessType: 'PUBLIC',
        playlistType: 'USER',
        bounded: true,
        createdAt: '2024-01-01T00:00:00.000Z',
        lastModifiedAt: '2024-02-01T00:00:00.000Z',
        numberOfItems: 61,
        numberOfFollowers: 0,
        externalLinks: [{ href: `https://tidal.com/browse/playlist/${P}`, meta: { type: 'TIDAL_SHARING' } }],
      },
      relationships: {
        items: { links: { self: `/playlists/${P}/relationships/items` } },
        owners: {
          data: [{ id: FIXTURE.userId, type: 'users' }],
          links: { self: `/playlists/${P}/relationships/owners` },
        },
      },
    });
    expect(body.data.attributes.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
    expect(body.included).toEqual([expect.objectContaining({ id: FIXTURE.userId, type: 'users' })]);
  });

  it('with include=items carries the first page of items and their tracks returned in the country', async () => {
    const { body } = await api(emulator, catalog, `/playlists/${P}?countryCode=US&include=items`);
    expect(body.data.relationships.items.data).toHaveLength(20);
    expect(body.data.relationships.items.links.meta.nextCursor).toEqual(expect.any(String));
    const includedIds = body.included.filter((r: Json) => r.type === 'tracks').map((r: Json) => r.id);
    expect(includedIds).not.toContain(FIXTURE.notInUsTrackId);
    expect(includedIds).toContain(FIXTURE.noStreamTrackId);
  });

  it('answers an unknown playlist with a 404 error document', async () => {
    const { status, body } = await api(emulator, catalog, '/playlists/00000000-0000-4000-8000-000000000000');
    expect(status).toBe(404);
    expectErrorDocument(body, 404);
    expect(body.errors[0].code).toBe('NOT_FOUND');
  });

  it('answers an unknown endpoint with a 404 error document', async () => {
    const { status, body } = await api(emulator, catalog, '/nothing-here');
    expect(status).toBe(404);
    expect(body.errors[0].status).toBe('404');
  });
});

describe('GET /playlists/{id}/relationships/items', () => {
  it('pages with links.next and links.meta.nextCursor, each item once, in order, with meta.itemId', async () => {
    const seen: Json[] = [];
    let path: string | null = `/playlists/${P}/relationships/items?countryCode=US`;
    let pages = 0;
    while (path) {
      const { status, body }: { status: number; body: Json } = await api(emulator, catalog, path);
      expect(status).toBe(200);
      seen.push(...body.data);
      pages += 1;
      if (body.links.next) {
        expect(body.links.next).toContain(`page[cursor]=${body.links.meta.nextCursor}`);
        expect(body.links.next).toContain('countryCode=US');
      }
      path = body.links.next ?? null;
    }
    expect(pages).toBe(4);
    const state = emulator.state().playlists.find((p) => p.id === P)!;
    expect(seen).toEqual(
      state.items.map((item) => ({
        id: item.trackId,
        type: 'tracks',
        meta: { itemId: item.itemId, addedAt: item.addedAt },
      })),
    );
  });

  it('refuses a cursor it did not issue, naming the parameter', async () => {
    const { status, body } = await api(
      emulator,
      catalog,
      `/playlists/${P}/relationships/items?page[cursor]=bogus`,
    );
    expect(status).toBe(400);
    expect(body.errors[0].source).toEqual({ parameter: 'page[cursor]' });
  });
});

describe('GET /tracks', () => {
  it('reads by filter[id], comma-separated or repeated, leaving out tracks not returned in the country', async () => {
    const comma = await api(emulator, catalog, `/tracks?countryCode=US&filter[id]=100,101,103`);
    const repeated = await api(
      emulator,
      catalog,
      `/tracks?countryCode=US&filter%5Bid%5D=100&filter%5Bid%5D=101&filter%5Bid%5D=103`,
    );
    expect(comma.body.data.map((t: Json) => t.id)).toEqual(['101', '103']);
    expect(repeated.body.data).toEqual(comma.body.data);
    const gb = await api(emulator, catalog, `/tracks?countryCode=GB&filter[id]=100,105`);
    expect(gb.body.data.map((t: Json) => t.id)).toEqual(['100']);
  });

  it('describes a track with TIDAL’s attributes and, when included, its artists and album', async () => {
    const { body } = await api(
      emulator,
      catalog,
      `/tracks?countryCode=US&filter[id]=101,103&include=artists,albums`,
    );
    expect(body.data[0]).toEqual({
      id: '101',
      type: 'tracks',
      attributes: expect.objectContaining({
        title: 'Bohemian Rhapsody',
        version: '2011 Remaster',
        isrc: FIXTURE.bohemianIsrc,
        duration: 'PT5M54S',
        explicit: false,
        popularity: 0.8,
        availability: ['STREAM', 'DJ'],
        mediaTags: ['LOSSLESS'],
      }),
      relationships: {
        artists: {
          data: [{ id: '1', type: 'artists' }],
          links: { self: '/tracks/101/relationships/artists' },
        },
        albums: { data: [{ id: '11', type: 'albums' }], links: { self: '/tracks/101/relationships/albums' } },
      },
    });
    expect(body.data[1].attributes.availability).toEqual([]);
    expect(body.data[1].attributes).not.toHaveProperty('version');
    const byKey = new Map(body.included.map((r: Json) => [`${r.type}:${r.id}`, r]));
    expect(byKey.get('artists:2')).toMatchObject({ attributes: { name: 'David Bowie' } });
    expect(byKey.get('albums:11')).toMatchObject({
      attributes: { title: 'Greatest Hits', albumType: 'COMPILATION', releaseDate: '1981-10-26' },
    });
    expect(body.included).toHaveLength(new Set(byKey.keys()).size);
  });

  it('without include leaves relationships as links only', async () => {
    const { body } = await api(emulator, catalog, `/tracks?filter[id]=101`);
    expect(body.data[0].relationships.artists).toEqual({
      links: { self: '/tracks/101/relationships/artists' },
    });
    expect(body).not.toHaveProperty('included');
  });

  it.each([
    ['/tracks?filter[id]=' + Array.from({ length: 21 }, (_, n) => 1000 + n).join(','), 'filter[id]'],
    ['/tracks?countryCode=USA&filter[id]=1', 'countryCode'],
    ['/tracks?filter[id]=1&include=lyrics', 'include'],
    ['/tracks', 'filter[id]'],
    ['/tracks?filter[owners.id]=me', 'filter[owners.id]'],
  ])('refuses %s with a 400 naming %s', async (path, parameter) => {
    const { status, body } = await api(emulator, catalog, path);
    expect(status).toBe(400);
    expectErrorDocument(body, 400);
    expect(body.errors[0].source).toEqual({ parameter });
  });

  it('pages through every release of one ISRC; gives one track per ISRC for several', async () => {
    const paged = await startFixture({ pageSize: 1 });
    try {
      const accessToken = await catalogToken(paged);
      const first = await api(paged, accessToken, `/tracks?filter[isrc]=${FIXTURE.bohemianIsrc}`);
      expect(first.body.data.map((t: Json) => t.id)).toEqual([FIXTURE.notInUsTrackId]);
      const second = await api(paged, accessToken, first.body.links.next);
      expect(second.body.data.map((t: Json) => t.id)).toEqual([FIXTURE.remasterTrackId]);
      expect(second.body.links.next).toBeUndefined();
    } finally {
      await paged.close();
    }
    const several = await api(
      emulator,
      catalog,
      `/tracks?countryCode=GB&filter[isrc]=${FIXTURE.bohemianIsrc},GBUM71100001`,
    );
    expect(several.body.data.map((t: Json) => t.id)).toEqual([
      FIXTURE.notInUsTrackId,
      FIXTURE.noStreamTrackId,
    ]);
    expect(several.body.links.next).toBeUndefined();
  });
});

describe('search', () => {
  it('returns one searchResults resource whose tracks are ranked by relevance', async () => {
    const { body } = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=${encodeURIComponent('Queen Bohemian')}&countryCode=US&include=tracks`,
    );
    expect(body.data).toHaveLength(1);
    const [result] = body.data;
    expect(result).toMatchObject({ type: 'searchResults', attributes: { query: 'Queen Bohemian' } });
    expect(result.relationships.tracks.data.map((t: Json) => t.id)).toEqual(['101', '102', '103']);
    expect(body.included.map((t: Json) => t.id)).toEqual(['101', '102', '103']);
  });

  it('embeds the tracks with their artists and albums on nested include paths, on every page', async () => {
    const include = 'include=tracks.artists,tracks.albums';
    const { body } = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=${encodeURIComponent('Queen Bohemian')}&countryCode=US&${include}`,
    );
    const track = body.included.find((resource: Json) => resource.type === 'tracks' && resource.id === '101');
    expect(track.relationships.artists.data).toEqual([{ id: '1', type: 'artists' }]);
    expect(track.relationships.albums.data).toEqual([{ id: '11', type: 'albums' }]);
    const types = new Set(body.included.map((resource: Json) => `${resource.type}:${resource.id}`));
    expect(types).toContain('artists:1');
    expect(types).toContain('albums:11');

    const first = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=filler&countryCode=US&${include}`,
    );
    const next = await api(
      emulator,
      catalog,
      `${first.body.data[0].relationships.tracks.links.next}&${include}`,
    );
    expect(next.body.included.filter((resource: Json) => resource.type === 'tracks')).toHaveLength(
      next.body.data.length,
    );
    expect(next.body.included.some((resource: Json) => resource.type === 'artists')).toBe(true);

    const bad = await api(emulator, catalog, `/searchResults?filter[query]=x&include=tracks.lyrics`);
    expect(bad.status).toBe(400);
  });

  it('matches across diacritics and scripts, and can exclude explicit tracks', async () => {
    const beyonce = await api(emulator, catalog, `/searchResults?filter[query]=beyonce&include=tracks`);
    expect(beyonce.body.data[0].relationships.tracks.data.map((t: Json) => t.id)).toEqual(['104']);
    const clean = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=beyonce&explicitFilter=EXCLUDE&include=tracks`,
    );
    expect(clean.body.data[0].relationships.tracks.data).toEqual([]);
    const kanji = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=${encodeURIComponent('坂本龍一')}&countryCode=US&include=tracks`,
    );
    expect(kanji.body.data[0].relationships.tracks.data.map((t: Json) => t.id)).toEqual(['105']);
  });

  it('pages on through the tracks relationship, and reads a plain query as the id (older spec)', async () => {
    const first = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=filler&countryCode=US&include=tracks`,
    );
    const tracks = first.body.data[0].relationships.tracks;
    expect(tracks.data).toHaveLength(20);
    const next = await api(emulator, catalog, tracks.links.next);
    expect(next.status).toBe(200);
    expect(next.body.data[0]).toEqual({ id: '1020', type: 'tracks' });
    const legacy = await api(emulator, catalog, `/searchResults/filler/relationships/tracks?countryCode=US`);
    expect(legacy.body.data).toEqual(tracks.data);
  });

  it('requires filter[query]', async () => {
    const { status, body } = await api(emulator, catalog, '/searchResults');
    expect(status).toBe(400);
    expect(body.errors[0].source).toEqual({ parameter: 'filter[query]' });
  });
});

describe('playlist writes', () => {
  async function create(name = 'New') {
    const { status, body } = await api(emulator, user, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name, description: 'd', accessType: 'PUBLIC' } } },
    });
    expect(status).toBe(201);
    return body.data as Json;
  }
  const items = (id: string) => emulator.state().playlists.find((p) => p.id === id)!.items;

  it('creates a playlist owned by the token’s user', async () => {
    const playlist = await create('Mine');
    expect(playlist).toMatchObject({
      type: 'playlists',
      attributes: { name: 'Mine', numberOfItems: 0, accessType: 'PUBLIC' },
    });
    expect(playlist.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(emulator.state().playlists.at(-1)).toMatchObject({ id: playlist.id, ownerId: FIXTURE.userId });
  });

  it('adds items at a position, reports unknown tracks as skipped, and moves lastModifiedAt forward', async () => {
    const playlist = await create();
    const first = await api(emulator, user, `/playlists/${playlist.id}/relationships/items`, {
      method: 'POST',
      body: {
        data: [
          { id: '101', type: 'tracks' },
          { id: '104', type: 'tracks' },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      data: [
        { id: '101', type: 'tracks', meta: { itemId: expect.any(String), addedAt: expect.any(String) } },
        { id: '104', type: 'tracks', meta: { itemId: expect.any(String), addedAt: expect.any(String) } },
      ],
      links: { self: `/playlists/${playlist.id}/relationships/items` },
      meta: { skipped: [] },
    });
    const before = first.body.data[1].meta.itemId;
    const second = await api(emulator, user, `/playlists/${playlist.id}/relationships/items`, {
      method: 'POST',
      body: {
        data: [
          { id: '102', type: 'tracks' },
          { id: '999', type: 'tracks' },
        ],
        meta: { positionBefore: before },
      },
    });
    expect(second.body.meta.skipped).toEqual([{ id: '999', type: 'tracks', reason: 'NOT_FOUND' }]);
    expect(items(playlist.id).map((item) => item.trackId)).toEqual(['101', '102', '104']);
    const modified = emulator.state().playlists.find((p) => p.id === playlist.id)!.lastModifiedAt;
    expect(Date.parse(modified)).toBeGreaterThan(Date.parse(playlist.attributes.lastModifiedAt));
  });

  it('removes items by item id', async () => {
    const state = items(P);
    const { status } = await api(emulator, user, `/playlists/${P}/relationships/items`, {
      method: 'DELETE',
      body: { data: [{ id: state[1]!.trackId, type: 'tracks', meta: { itemId: state[1]!.itemId } }] },
    });
    expect(status).toBe(200);
    expect(items(P).map((item) => item.itemId)).toEqual(
      state.filter((_, n) => n !== 1).map((item) => item.itemId),
    );
  });

  it.each([
    [{ data: [{ id: '101', type: 'videos' }] }, '/data/0/type'],
    [{ data: [] }, '/data'],
    [
      { data: [{ id: '101', type: 'tracks' }], meta: { positionBefore: 'no-such-item' } },
      '/meta/positionBefore',
    ],
  ])('refuses the add %j with a 400 pointing at %s', async (body, pointer) => {
    const { status, body: error } = await api(emulator, user, `/playlists/${P}/relationships/items`, {
      method: 'POST',
      body,
    });
    expect(status).toBe(400);
    expect(error.errors[0].source).toEqual({ pointer });
  });

  it('refuses to remove an item that is not there', async () => {
    const { status, body } = await api(emulator, user, `/playlists/${P}/relationships/items`, {
      method: 'DELETE',
      body: { data: [{ id: '101', type: 'tracks', meta: { itemId: 'nope' } }] },
    });
    expect(status).toBe(400);
    expect(body.errors[0].source).toEqual({ pointer: '/data/0/meta/itemId' });
  });

  it('forbids writes with a catalog token and on another user’s playlist', async () => {
    const body = { data: [{ id: '101', type: 'tracks' }] };
    const byCatalog = await api(emulator, catalog, `/playlists/${P}/relationships/items`, {
      method: 'POST',
      body,
    });
    const onOthers = await api(emulator, user, `/playlists/${FIXTURE.otherPlaylistId}/relationships/items`, {
      method: 'POST',
      body,
    });
    expect([byCatalog.status, onOthers.status]).toEqual([403, 403]);
    expectErrorDocument(onOthers.body, 403);
  });

  it('refuses a body that is not JSON:API with 415, and malformed JSON with 400', async () => {
    const wrongType = await api(emulator, user, '/playlists', {
      method: 'POST',
      body: 'name=x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const broken = await api(emulator, user, '/playlists', { method: 'POST', body: '{"data":' });
    expect(broken.status).toBe(400);
    expectErrorDocument(broken.body, 400);
  });

  it('replays a write repeated with the same Idempotency-Key, and refuses the key for another payload', async () => {
    const body = { data: { type: 'playlists', attributes: { name: 'Once' } } };
    const headers = { 'Idempotency-Key': 'k-1' };
    const a = await api(emulator, user, '/playlists', { method: 'POST', body, headers });
    const b = await api(emulator, user, '/playlists', { method: 'POST', body, headers });
    expect(b).toMatchObject({ status: 201, body: a.body });
    expect(emulator.state().playlists.filter((p) => p.name === 'Once')).toHaveLength(1);
    const other = await api(emulator, user, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name: 'Twice' } } },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].code).toBe('IDEMPOTENT_REQUEST_PAYLOAD_MISMATCH');
  });
});

describe('knobs and admin endpoints', () => {
  it('logs each request with its endpoint template, status and time; DELETE clears the log', async () => {
    emulator.clearRequests();
    await api(emulator, catalog, `/playlists/${P}/relationships/items`);
    await api(emulator, null, '/tracks?filter[id]=1');
    const log = (await (await fetch(`${emulator.origin}/__emulator/requests`)).json()) as Json;
    expect(log.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/playlists/{id}/relationships/items',
        status: 200,
        clientId: FIXTURE.catalogClient.clientId,
        time: expect.any(String),
      }),
      expect.objectContaining({ method: 'GET', path: '/tracks', status: 401, clientId: null }),
    ]);
    expect((await fetch(`${emulator.origin}/__emulator/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(emulator.requests()).toEqual([]);
  });

  it('serves the playlists’ state', async () => {
    const state = (await (await fetch(`${emulator.origin}/__emulator/state`)).json()) as Json;
    expect(state.playlists.map((p: Json) => p.id)).toEqual([P, FIXTURE.otherPlaylistId]);
    expect(state.playlists[0].items).toHaveLength(61);
  });

  it('scripts faults over HTTP: a 429 with Retry-After, then a 500, then normal service', async () => {
    const add = (fault: object) =>
      fetch(`${emulator.origin}/__emulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(fault),
      });
    expect((await add({ status: 429, retryAfterSeconds: 7, path: '/tracks' })).status).toBe(201);
    expect((await add({ status: 500, path: '/tracks' })).status).toBe(201);
    expect((await add({ count: 1 })).status).toBe(400);
    const limited = await api(emulator, catalog, '/tracks?filter[id]=101');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expectErrorDocument(limited.body, 429);
    expect((await api(emulator, catalog, '/tracks?filter[id]=101')).status).toBe(500);
    expect((await api(emulator, catalog, '/tracks?filter[id]=101')).status).toBe(200);
  });

  it('delays TIDAL requests by latencyMs, but not its own admin endpoints', async () => {
    const slow = await startFixture({ latencyMs: 30_000 });
    try {
      const request = fetch(`${slow.url}/playlists/${P}`, { signal: AbortSignal.timeout(300) });
      await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
      const state = await fetch(`${slow.origin}/__emulator/state`, { signal: AbortSignal.timeout(5_000) });
      expect(state.status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('lists the requests it holds (a delayed fault) until they are answered', async () => {
    emulator.injectFault({ delayMs: 300, count: 1, path: '/playlists/{id}' });
    const answered = api(emulator, catalog, `/playlists/${P}`);
    const deadline = Date.now() + 5_000;
    while (emulator.inFlight().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(emulator.inFlight()).toEqual([{ method: 'GET', path: '/playlists/{id}' }]);
    expect((await answered).status).toBe(200);
    expect(emulator.inFlight()).toEqual([]);
  });

  it('logs a request whose client left before the answer (a timeout) as 499', async () => {
    emulator.clearRequests();
    emulator.injectFault({ delayMs: 5_000, count: 1, path: '/playlists/{id}' });
    const request = fetch(`${emulator.url}/playlists/${P}`, {
      headers: { authorization: `Bearer ${catalog}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    const deadline = Date.now() + 5_000;
    while (emulator.requests().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(emulator.requests()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/playlists/{id}', status: 499 }),
    ]);
  });

  it('rate-limits each client with a token bucket, answering 429 with Retry-After', async () => {
    const limited = await startFixture({ rateLimit: { requestsPerSecond: 0.001, burst: 2 } });
    try {
      const [a, b] = [await catalogToken(limited), await userToken(limited)];
      const statuses = [];
      for (let n = 0; n < 3; n++) statuses.push((await api(limited, a, `/playlists/${P}`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await api(limited, a, `/playlists/${P}`);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await api(limited, b, `/playlists/${P}`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('injects random 500s at the configured rate, identically under the same PRNG seed', async () => {
    const run = async () => {
      const noisy = await startFixture({ errorRate: 0.5, prngSeed: 42 });
      try {
        const accessToken = await catalogToken(noisy);
        const statuses: number[] = [];
        for (let n = 0; n < 24; n++)
          statuses.push((await api(noisy, accessToken, '/tracks?filter[id]=101')).status);
        return statuses;
      } finally {
        await noisy.close();
      }
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('issues the same ids under the same PRNG seed', async () => {
    const other = await startFixture({ pageSize: 20 });
    try {
      expect(other.state()).toEqual(emulator.state());
    } finally {
      await other.close();
    }
  });

  it('resets to the seeded playlists', async () => {
    const before = emulator.state();
    await api(emulator, user, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name: 'x' } } },
    });
    expect((await fetch(`${emulator.origin}/__emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(emulator.state()).toEqual(before);
  });

  it('expiring tokens makes the next API call a 401', async () => {
    const accessToken = await userToken(emulator);
    expect((await fetch(`${emulator.origin}/__emulator/tokens/expire`, { method: 'POST' })).status).toBe(204);
    expect((await api(emulator, accessToken, `/playlists/${P}`)).status).toBe(401);
    user = await userToken(emulator);
    catalog = await catalogToken(emulator);
  });
});
