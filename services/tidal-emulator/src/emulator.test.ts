import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import {
  api,
  catalogToken,
  JSON_API,
  type Json,
  startFixture,
  token,
  userToken,
} from '@tidal-remedy/test-support/emulator-http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractCheck } from '../../../test/contract/contract-check.js';
import { type EmulatorHandle, startEmulator } from './emulator.js';

const P = FIXTURE.playlistId;

let emulator: EmulatorHandle;
let user: string;
let catalog: string;
/** Every answer the emulator gives in these tests is checked against TIDAL's spec (test/contract). */
const contract = contractCheck({ requests: false });

beforeAll(async () => {
  emulator = await startFixture({ pageSize: 20, onExchange: contract.onExchange });
  user = await userToken(emulator);
  catalog = await catalogToken(emulator);
});
afterEach(() => {
  emulator.reset();
  expect(contract.takeProblems()).toEqual([]);
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
  it('is a JSON:API document with TIDAL’s playlist attributes and the relationships asked for', async () => {
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
        owners: {
          data: [{ id: FIXTURE.userId, type: 'users' }],
          links: { self: `/playlists/${P}/relationships/owners` },
        },
      },
    });
    // Only what was asked for: "a relationship that was not requested is absent from the response".
    expect(Object.keys(body.data.relationships)).toEqual(['owners']);
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

describe('include, by TIDAL’s rules', () => {
  const page = (include: string) =>
    api(emulator, catalog, `/playlists/${P}/relationships/items?countryCode=US&include=${include}`);

  it('on a page of items: paths relative to the playlist bring the tracks, their artists, albums and usage rules', async () => {
    const { status, body } = await page('items,items.artists,items.albums,items.usageRules');
    expect(status).toBe(200);
    expect(body.data).toHaveLength(20);
    const byType = (type: string) => body.included.filter((r: Json) => r.type === type);
    // The tracks returned in US (100 is not): described once each, with exactly what was asked of them.
    expect(byType('tracks').map((t: Json) => t.id)).not.toContain(FIXTURE.notInUsTrackId);
    expect(byType('tracks')).toHaveLength(19);
    const pressure = byType('tracks').find((t: Json) => t.id === FIXTURE.noStreamTrackId);
    expect(Object.keys(pressure.relationships).sort()).toEqual(['albums', 'artists', 'usageRules']);
    expect(byType('artists').map((a: Json) => a.id)).toEqual(expect.arrayContaining(['1', '2', '5']));
    expect(byType('usageRules')).toContainEqual({
      id: FIXTURE.noStreamTrackId,
      type: 'usageRules',
      attributes: { countryCode: 'US', subscription: [] },
    });
  });

  it('a nested path embeds its intermediate resources, and a type qualifier scopes a member', async () => {
    const nested = await page('items.albums.artists');
    const types = new Set(nested.body.included.map((r: Json) => r.type));
    expect(types).toEqual(new Set(['tracks', 'albums', 'artists']));
    const qualified = await page('items.tracks:albums');
    expect(qualified.status).toBe(200);
    expect(qualified.body.included.filter((r: Json) => r.type === 'albums').length).toBeGreaterThan(0);
    const playlist = await api(
      emulator,
      catalog,
      `/playlists/${P}?countryCode=US&include=items.tracks:albums`,
    );
    expect(playlist.body.data.relationships.items.data).toHaveLength(20);
  });

  it.each([
    ['items.lyricsOfNothing', /not a relationship of tracks or videos/],
    ['nothing', /not a relationship of playlists/],
    ['items.videos:albums', /not among tracks, videos|does not serve/],
    ['items.albums.artists.albums', /4 levels deep; the limit is 3/],
    ['items.lyrics', /valid for TIDAL, but the emulator does not serve tracks.lyrics/],
  ])('refuses include=%s with a 400 saying why', async (include, detail) => {
    const { status, body } = await page(include);
    expect(status).toBe(400);
    expect(body.errors[0].source).toEqual({ parameter: 'include' });
    expect(body.errors[0].detail).toMatch(detail);
  });

  it('refuses an include tree naming more than 10 resources', async () => {
    const { status, body } = await api(
      emulator,
      catalog,
      `/tracks?filter[id]=101&include=artists,albums,albums.artists,usageRules,owners,genres,credits,lyrics,radio,shares,providers`,
    );
    expect(status).toBe(400);
    expect(body.errors[0].detail).toMatch(/names 11 resources; the limit is 10/);
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
    expect(body.included.every((resource: Json) => resource.relationships === undefined)).toBe(true);
    expect(body.data[1].attributes.availability).toEqual([]);
    expect(body.data[1].attributes).not.toHaveProperty('version');
    const byKey = new Map(body.included.map((r: Json) => [`${r.type}:${r.id}`, r]));
    expect(byKey.get('artists:2')).toMatchObject({ attributes: { name: 'David Bowie' } });
    // A compilation is an ALBUM, as TIDAL serves it (its albumType is ALBUM, EP or SINGLE).
    expect(byKey.get('albums:11')).toMatchObject({
      attributes: { title: 'Greatest Hits', albumType: 'ALBUM', releaseDate: '1981-10-26', numberOfItems: 2 },
    });
    expect(body.included).toHaveLength(new Set(byKey.keys()).size);
  });

  it('without include gives no relationships at all: one not requested is absent, not empty', async () => {
    const { body } = await api(emulator, catalog, `/tracks?filter[id]=101`);
    expect(body.data[0]).not.toHaveProperty('relationships');
    expect(body).not.toHaveProperty('included');
    const playlist = await api(emulator, catalog, `/playlists/${P}`);
    expect(playlist.body.data).not.toHaveProperty('relationships');
    const search = await api(emulator, catalog, `/searchResults?filter[query]=queen`);
    expect(search.body.data[0]).not.toHaveProperty('relationships');
  });

  it('serves usage rules (include=usageRules) for the country, beside the deprecated availability', async () => {
    const { body } = await api(
      emulator,
      catalog,
      `/tracks?countryCode=US&filter[id]=101,103&include=usageRules`,
    );
    expect(body.data.map((t: Json) => t.relationships)).toEqual([
      {
        usageRules: {
          data: { id: '101', type: 'usageRules' },
          links: { self: '/tracks/101/relationships/usageRules' },
        },
      },
      {
        usageRules: {
          data: { id: '103', type: 'usageRules' },
          links: { self: '/tracks/103/relationships/usageRules' },
        },
      },
    ]);
    expect(body.included).toEqual([
      { id: '101', type: 'usageRules', attributes: { countryCode: 'US', subscription: ['STREAM', 'DJ'] } },
      { id: '103', type: 'usageRules', attributes: { countryCode: 'US', subscription: [] } },
    ]);
    // Usage rules hold for a country: a read without one names none.
    const anywhere = await api(emulator, catalog, `/tracks?filter[id]=101&include=usageRules`);
    expect(anywhere.body.data[0].relationships.usageRules.data).toBeNull();
    expect(anywhere.body.included).toEqual([]);
  });

  it('stops sending the deprecated availability when told to, as TIDAL will once it is removed', async () => {
    const withoutIt = await startFixture({ sendAvailability: false, onExchange: contract.onExchange });
    try {
      const { body } = await api(
        withoutIt,
        await catalogToken(withoutIt),
        `/tracks?countryCode=US&filter[id]=103&include=usageRules`,
      );
      expect(body.data[0].attributes).not.toHaveProperty('availability');
      expect(body.included[0].attributes.subscription).toEqual([]);
    } finally {
      await withoutIt.close();
    }
  });

  it('serves an album’s own artists and item count (include=albums.artists)', async () => {
    const { body } = await api(
      emulator,
      catalog,
      `/tracks?countryCode=US&filter[id]=104&include=albums.artists`,
    );
    expect(body.data[0].relationships).toEqual({
      albums: { data: [{ id: '13', type: 'albums' }], links: { self: '/tracks/104/relationships/albums' } },
    });
    const album = body.included.find((r: Json) => r.type === 'albums');
    expect(album.relationships).toEqual({
      artists: { data: [{ id: '3', type: 'artists' }], links: { self: '/albums/13/relationships/artists' } },
    });
    expect(album.attributes.numberOfItems).toBe(1);
    expect(body.included.find((r: Json) => r.type === 'artists')).toMatchObject({
      id: '3',
      attributes: { name: 'Beyoncé' },
    });
  });

  it('hides the details of a track flagged detailsHidden in every reading; its item stays listed', async () => {
    const hidden = FIXTURE.hiddenTrackId;
    for (const path of [`/tracks?countryCode=US&filter[id]=${hidden}`, `/tracks?filter[id]=${hidden}`]) {
      expect((await api(emulator, catalog, path)).body.data).toEqual([]);
    }
    // Another release of the recording stays visible; the hidden one is found by no ISRC or search.
    const byIsrc = await api(emulator, catalog, `/tracks?filter[isrc]=USWB19900001`);
    expect(byIsrc.body.data.map((t: Json) => t.id)).toEqual(['107']);
    const search = await api(
      emulator,
      catalog,
      `/searchResults?filter[query]=go%20your%20own%20way&include=tracks`,
    );
    expect(search.body.data[0].relationships.tracks.data.map((t: Json) => t.id)).toEqual(['107']);
    const page = await api(
      emulator,
      catalog,
      `/playlists/${FIXTURE.hiddenPlaylistId}/relationships/items?countryCode=US&include=items`,
    );
    expect(page.body.data.map((item: Json) => item.id)).toEqual(['104', hidden, '105']);
    expect(page.body.included.map((track: Json) => track.id)).toEqual(['104', '105']);
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

  it('takes a query of at most 256 characters (the spec’s maxLength)', async () => {
    const at = (n: number) =>
      api(emulator, catalog, `/searchResults?filter[query]=${'q'.repeat(n)}&include=tracks`);
    expect((await at(256)).status).toBe(200);
    const { status, body } = await at(257);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      source: { parameter: 'filter[query]' },
      detail: 'filter[query] has 257 characters; it may have at most 256',
    });
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
    // The spec declares only application/vnd.api+json for request bodies: plain JSON is refused too.
    const plainJson = await api(emulator, user, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name: 'x' } } },
      headers: { 'Content-Type': 'application/json' },
    });
    expect(plainJson.status).toBe(415);
    expect(plainJson.body.errors[0].source).toEqual({ header: 'Content-Type' });
    expect(emulator.state().playlists.some((p) => p.name === 'x')).toBe(false);
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

describe('idempotency, as the spec words it', () => {
  const body = { data: { type: 'playlists', attributes: { name: 'Once' } } };
  const post = (target: EmulatorHandle, accessToken: string, key: string) =>
    api(target, accessToken, '/playlists', { method: 'POST', body, headers: { 'Idempotency-Key': key } });

  it('answers a retry while the first write is still processing with 409 IDEMPOTENT_REQUEST_IN_PROGRESS', async () => {
    emulator.injectFault({ delayMs: 300, count: 1, method: 'POST', path: '/playlists' });
    const first = post(emulator, user, 'k-busy');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = await post(emulator, user, 'k-busy');
    expect(retry.status).toBe(409);
    expect(retry.body.errors[0]).toMatchObject({ status: '409', code: 'IDEMPOTENT_REQUEST_IN_PROGRESS' });
    const done = await first;
    expect(done.status).toBe(201);
    // Once the first has completed, the retry replays it.
    expect(await post(emulator, user, 'k-busy')).toMatchObject({ status: 201, body: done.body });
    expect(emulator.state().playlists.filter((p) => p.name === 'Once')).toHaveLength(1);
  });

  it('replays for one hour; after that the key is forgotten and the write runs again', async () => {
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const timed = await startFixture({
      now: () => clock,
      tokenLifetimeSeconds: 86_400,
      onExchange: contract.onExchange,
    });
    try {
      const accessToken = await userToken(timed);
      const first = await post(timed, accessToken, 'k-hour');
      clock += 59 * 60 * 1000;
      expect((await post(timed, accessToken, 'k-hour')).body).toEqual(first.body);
      clock += 2 * 60 * 1000;
      const late = await post(timed, accessToken, 'k-hour');
      expect(late.status).toBe(201);
      expect(late.body.data.id).not.toBe(first.body.data.id);
      expect(timed.state().playlists.filter((p) => p.name === 'Once')).toHaveLength(2);
    } finally {
      await timed.close();
    }
  });

  it('keeps no failed write: a retry after an injected 500 runs it', async () => {
    emulator.injectFault({ status: 500, count: 1, method: 'POST', path: '/playlists' });
    expect((await post(emulator, user, 'k-failed')).status).toBe(500);
    expect((await post(emulator, user, 'k-failed')).status).toBe(201);
  });
});

describe('security requirements, per operation as the spec declares them', () => {
  it('refuses the catalog (GET /tracks, only r_usr for users) to a third-party user token, with 403', async () => {
    const { status, headers, body } = await api(emulator, user, '/tracks?filter[id]=101');
    expect(status).toBe(403);
    expect(headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="r_usr"');
    expect(body.errors[0]).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      detail: expect.stringMatching(/r_usr/),
    });
    expect((await api(emulator, catalog, '/tracks?filter[id]=101')).status).toBe(200);
  });

  it('lets a user token search (search.read) and read playlists, and a catalog token not write', async () => {
    expect((await api(emulator, user, '/searchResults?filter[query]=queen')).status).toBe(200);
    expect((await api(emulator, user, `/playlists/${P}`)).status).toBe(200);
    expect((await api(emulator, user, '/playlists?filter[owners.id]=me')).status).toBe(200);
    const write = await api(emulator, catalog, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name: 'nope' } } },
    });
    expect(write.status).toBe(403);
  });

  it('grants GET /tracks to a user token that carries r_usr (a client seeded with that scope)', async () => {
    const seed = fixtureSeed();
    seed.clients = seed.clients?.map((client) =>
      client.clientId === FIXTURE.userClient.clientId
        ? { ...client, scopes: ['r_usr', 'playlists.write'] }
        : client,
    );
    const internal = await startEmulator({ seed, onExchange: contract.onExchange });
    try {
      expect((await api(internal, await userToken(internal), '/tracks?filter[id]=101')).status).toBe(200);
    } finally {
      await internal.close();
    }
  });
});

describe('GET /playlists', () => {
  it('orders equal sort values by id, never by creation, so that no caller relies on an unpromised order', async () => {
    const frozen = Date.parse('2026-03-01T12:00:00Z');
    const tied = await startFixture({ now: () => frozen, onExchange: contract.onExchange });
    try {
      const accessToken = await userToken(tied);
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c', 'd']) {
        const { body } = await api(tied, accessToken, '/playlists', {
          method: 'POST',
          body: { data: { type: 'playlists', attributes: { name } } },
        });
        ids.push(body.data.id);
      }
      const { body } = await api(tied, accessToken, '/playlists?filter[owners.id]=me&sort=-lastModifiedAt');
      const listed = body.data.map((p: Json) => p.id).filter((id: string) => ids.includes(id));
      expect(listed).toEqual([...ids].sort());
    } finally {
      await tied.close();
    }
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
    expect(state.playlists.map((p: Json) => p.id)).toEqual([
      P,
      FIXTURE.otherPlaylistId,
      FIXTURE.hiddenPlaylistId,
    ]);
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
