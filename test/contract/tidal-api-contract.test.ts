import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import {
  MAX_ITEMS_PER_WRITE,
  MAX_QUERY_LENGTH,
  parseTidalCredentials,
  TidalClient,
} from '@tidal-remedy/tidal';
import {
  DOCUMENTED_RELATIONSHIPS,
  MAX_QUERY_LENGTH as EMULATOR_MAX_QUERY_LENGTH,
  type EmulatorHandle,
  MAX_INCLUDE_DEPTH,
  MAX_INCLUDED_RESOURCES,
  OPERATIONS,
  SERVED_RELATIONSHIPS,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractCheck, contractCheck } from './contract-check.js';
import {
  MAX_INCLUDE_DEPTH as SPEC_MAX_INCLUDE_DEPTH,
  MAX_INCLUDED_RESOURCES as SPEC_MAX_INCLUDED_RESOURCES,
  TidalApiContract,
} from './openapi-contract.js';

/**
 * The contract between tidal-remedy and TIDAL's official OpenAPI spec (tidal-api-oas.json.gz beside this
 * file): the client's every kind of request and the emulator's every kind of answer, success and error, are
 * validated against the spec; the emulator's own tables (operations and their security requirements,
 * relationships, limits) are checked against it; and the checker is shown to catch what breaks the spec.
 */

const contract = TidalApiContract.load();
const US = { countryCode: 'US' };
const JSON_API = 'application/vnd.api+json';

describe('the spec in the repository', () => {
  it('is TIDAL’s v1.10.104', () => {
    expect(contract.version).toBe('1.10.104');
  });
});

describe('the emulator’s tables, against the spec', () => {
  it('serves only operations the spec declares, each with the spec’s security requirement', () => {
    for (const [endpoint, security] of Object.entries(OPERATIONS)) {
      const [method = '', template = ''] = endpoint.split(' ');
      expect(contract.operation(method, template), endpoint).toBeDefined();
      const declared = contract.security(method, template);
      expect(
        {
          clientCredentials: declared.some((requirement) => requirement.scheme === 'Client_Credentials'),
          userScopes:
            declared.find((requirement) => requirement.scheme === 'Authorization_Code_PKCE')?.scopes ?? null,
        },
        endpoint,
      ).toEqual({ clientCredentials: security.clientCredentials, userScopes: security.userScopes });
    }
  });

  it('knows each resource type’s relationships as the spec documents them, and serves some of them', () => {
    for (const [type, names] of Object.entries(DOCUMENTED_RELATIONSHIPS)) {
      expect([...(contract.relationships(type) ?? [])].sort(), type).toEqual([...names].sort());
    }
    for (const [type, relationships] of Object.entries(SERVED_RELATIONSHIPS)) {
      for (const [name, targets] of Object.entries(relationships)) {
        expect(DOCUMENTED_RELATIONSHIPS[type], `${type}.${name}`).toContain(name);
        expect(contract.targetsOf(type, name), `${type}.${name}`).toEqual(targets);
      }
    }
  });

  it('keeps the spec’s limits: include depth and size, query length, items per write', () => {
    expect([MAX_INCLUDE_DEPTH, MAX_INCLUDED_RESOURCES]).toEqual([
      SPEC_MAX_INCLUDE_DEPTH,
      SPEC_MAX_INCLUDED_RESOURCES,
    ]);
    const search = contract.operation('GET', '/searchResults');
    const query = search?.parameters?.find(
      (parameter) => 'name' in parameter && parameter.name === 'filter[query]',
    );
    expect(query && 'schema' in query ? query.schema?.maxLength : null).toBe(MAX_QUERY_LENGTH);
    expect(EMULATOR_MAX_QUERY_LENGTH).toBe(MAX_QUERY_LENGTH);
    const spec = JSON.parse(
      JSON.stringify(contract.operation('POST', '/playlists/{id}/relationships/items')?.requestBody),
    ) as { content: Record<string, { schema: { $ref: string } }> };
    expect(Object.keys(spec.content)).toEqual([JSON_API]);
    expect(MAX_ITEMS_PER_WRITE).toBe(50);
  });
});

describe('the client and the emulator, every exchange validated', () => {
  let emulator: EmulatorHandle;
  /** The client's exchanges: requests and answers checked. */
  const clientCheck = contractCheck({ requests: true });
  /** Requests made malformed on purpose: only the answers are checked. */
  const answerCheck = contractCheck({ requests: false });
  let check: ContractCheck = clientCheck;
  const seen = new Set<string>();

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: fixtureSeed(),
      pageSize: 7,
      onExchange: (exchange) => {
        seen.add(`${exchange.method} ${exchange.template} ${exchange.status}`);
        check.onExchange(exchange);
      },
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  const client = () =>
    new TidalClient({
      apiUrl: emulator.url,
      authUrl: emulator.authUrl,
      credentials: parseTidalCredentials({
        client_id: FIXTURE.userClient.clientId,
        client_secret: FIXTURE.userClient.clientSecret,
        refresh_token: FIXTURE.userClient.refreshToken,
      }),
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });

  it('every read and write the client makes, and every answer to it, fits the spec', async () => {
    const tidal = client();
    const { firstPage } = await tidal.getPlaylistWithItems(FIXTURE.playlistId, US);
    await tidal.listPlaylistItems(FIXTURE.playlistId, { ...US, after: firstPage });
    await tidal.listPlaylistItems(FIXTURE.hiddenPlaylistId, US);
    await tidal.getPlaylist(FIXTURE.playlistId, US);
    await tidal.listOwnPlaylists();
    expect(await tidal.getMe()).toEqual({ id: FIXTURE.userId, username: 'demo', countryCode: 'US' });
    await tidal.getTracks(['104', FIXTURE.notInUsTrackId], US);
    await tidal.getTracksByIsrc([FIXTURE.bohemianIsrc, 'GBUM71100001'], US);
    await tidal.listTracksByIsrc(FIXTURE.bohemianIsrc, US);
    await tidal.searchTracks('filler song', { ...US, limit: 20, explicitFilter: 'EXCLUDE' });
    await tidal.searchTracks('filler '.repeat(60), US);
    const created = await tidal.createPlaylist({
      name: 'contract',
      description: 'd',
      accessType: 'UNLISTED',
    });
    const added = await tidal.addItems(created.id, ['104', '105', '999999']);
    await tidal.addItems(created.id, ['101'], { positionBefore: added.added[1]!.itemId });
    await tidal.removeItems(created.id, [added.added[0]!]);
    await tidal.listPlaylistItemRefs(created.id);
    await tidal.deletePlaylist(created.id);
    await expect(tidal.getPlaylist(created.id)).rejects.toThrow(/404|not found/i);
    // A write retried while still in progress: 409, then its answer replayed.
    emulator.injectFault({ delayMs: 1_000, count: 1, method: 'POST', path: '/playlists' });
    await new TidalClient({
      apiUrl: emulator.url,
      authUrl: emulator.authUrl,
      credentials: parseTidalCredentials({
        client_id: FIXTURE.userClient.clientId,
        client_secret: FIXTURE.userClient.clientSecret,
        refresh_token: FIXTURE.userClient.refreshToken,
      }),
      timeoutMs: 600,
    }).createPlaylist({ name: 'busy' }, { idempotencyKey: 'contract-busy' });
    // Server errors and rate limits, retried.
    emulator.injectFault({ status: 500, count: 1, path: '/tracks' });
    emulator.injectFault({ status: 429, count: 1, retryAfterSeconds: 0, path: '/tracks' });
    await tidal.getTracks(['104'], US);
    expect(clientCheck.takeProblems()).toEqual([]);
    expect(seen).toContain('POST /playlists 409');
  });

  it('every error the emulator answers fits the spec (or RFC 6750, for 401 and 403)', async () => {
    check = answerCheck;
    const token = async (form: Record<string, string>) =>
      (
        (await (
          await fetch(emulator.authUrl, { method: 'POST', body: new URLSearchParams(form) })
        ).json()) as { access_token: string }
      ).access_token;
    const user = await token({
      grant_type: 'refresh_token',
      client_id: FIXTURE.userClient.clientId,
      refresh_token: FIXTURE.userClient.refreshToken,
    });
    const catalog = await token({
      grant_type: 'client_credentials',
      client_id: FIXTURE.catalogClient.clientId,
      client_secret: FIXTURE.catalogClient.clientSecret,
    });
    const call = async (
      accessToken: string | null,
      path: string,
      init: { method?: string; body?: string; headers?: Record<string, string> } = {},
    ) => {
      const response = await fetch(`${emulator.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          Accept: JSON_API,
          ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
          ...(init.body ? { 'Content-Type': JSON_API } : {}),
          ...init.headers,
        },
        ...(init.body ? { body: init.body } : {}),
      });
      await response.text();
      return response.status;
    };
    const create = (name: string) => JSON.stringify({ data: { type: 'playlists', attributes: { name } } });
    const statuses = [
      await call(catalog, '/tracks?filter[id]=1&include=nothing'),
      await call(catalog, `/searchResults?filter[query]=${'q'.repeat(257)}`),
      await call(null, '/tracks?filter[id]=1'),
      await call(user, '/tracks?filter[id]=1'),
      await call(catalog, '/playlists/00000000-0000-4000-8000-000000000000'),
      await call(catalog, `/playlists/${FIXTURE.playlistId}`, { headers: { Accept: 'text/html' } }),
      await call(user, '/playlists', {
        method: 'POST',
        body: create('x'),
        headers: { 'Content-Type': 'application/json' },
      }),
      await call(user, '/playlists', {
        method: 'POST',
        body: create('a'),
        headers: { 'Idempotency-Key': 'k' },
      }),
      await call(user, '/playlists', {
        method: 'POST',
        body: create('b'),
        headers: { 'Idempotency-Key': 'k' },
      }),
    ];
    emulator.injectFault({ status: 429, count: 1, path: '/tracks' });
    emulator.injectFault({ status: 500, count: 1, path: '/tracks' });
    emulator.injectFault({ status: 503, count: 1, path: '/tracks' });
    for (let n = 0; n < 3; n++) statuses.push(await call(catalog, '/tracks?filter[id]=1'));
    expect(statuses).toEqual([400, 400, 401, 403, 404, 406, 415, 201, 422, 429, 500, 503]);
    expect(answerCheck.takeProblems()).toEqual([]);
  });

  it('exercised every operation the emulator serves', () => {
    const operations = new Set([...seen].map((entry) => entry.split(' ').slice(0, 2).join(' ')));
    expect([...operations].sort()).toEqual(Object.keys(OPERATIONS).sort());
  });
});

describe('the checker catches what breaks the spec', () => {
  const track = {
    id: '1',
    type: 'tracks',
    attributes: {
      title: 'T',
      isrc: 'X',
      duration: 'PT3M',
      explicit: false,
      popularity: 0.5,
      key: 'UNKNOWN',
      keyScale: 'UNKNOWN',
      mediaTags: [],
    },
  };
  const album = {
    id: '2',
    type: 'albums',
    attributes: {
      title: 'Greatest Hits',
      albumType: 'ALBUM',
      barcodeId: '1',
      duration: 'PT1H',
      explicit: false,
      mediaTags: [],
      numberOfItems: 10,
      numberOfVolumes: 1,
      popularity: 0.5,
    },
  };
  const answer = (body: unknown, include: string[] = [], status = 200) =>
    contract.responseProblems({
      method: 'GET',
      template: '/tracks',
      status,
      contentType: JSON_API,
      body,
      include,
    });

  it('passes a spec-valid answer', () => {
    expect(answer({ data: [track], links: { self: '/tracks' }, included: [album] }, ['albums'])).toEqual([]);
  });

  it.each([
    [
      'an album type the spec does not list',
      {
        data: [track],
        links: { self: '/x' },
        included: [{ ...album, attributes: { ...album.attributes, albumType: 'COMPILATION' } }],
      },
      /albumType must be equal to one of the allowed values \(ALBUM, EP, SINGLE\)/,
    ],
    [
      'a relationship nobody asked for',
      { data: [{ ...track, relationships: { artists: { links: { self: '/x' } } } }], links: { self: '/x' } },
      /carries the relationship artists, which was not requested/,
    ],
    [
      'a field the spec does not declare',
      { data: [{ ...track, attributes: { ...track.attributes, mood: 'x' } }], links: { self: '/x' } },
      /has mood/,
    ],
    ['a document without links', { data: [track] }, /must have required property 'links'/],
  ])('refuses %s', (_what, body, problem) => {
    expect(answer(body).join('\n')).toMatch(problem);
  });

  it('refuses a status the operation does not declare, and a body in another media type', () => {
    expect(answer({ errors: [{ status: '409' }] }, [], 409).join('\n')).toMatch(/declares no 409/);
    expect(
      contract.responseProblems({
        method: 'GET',
        template: '/tracks',
        status: 200,
        contentType: 'application/json',
        body: {},
      }),
    ).toEqual([expect.stringMatching(/answered as application\/json/)]);
  });

  it('refuses requests the spec does not declare', () => {
    const request = (query: [string, string][], extra: object = {}) =>
      contract.requestProblems({
        method: 'GET',
        template: '/searchResults',
        query,
        headers: {},
        body: undefined,
        ...extra,
      });
    expect(request([['filter[query]', 'q'.repeat(257)]]).join('\n')).toMatch(/more than 256 characters/);
    expect(
      request([
        ['filter[query]', 'q'],
        ['page[size]', '100'],
      ]).join('\n'),
    ).toMatch(/page\[size\] is not declared/);
    expect(
      request([
        ['filter[query]', 'q'],
        ['include', 'tracks.radio.x'],
      ]).join('\n'),
    ).toMatch(/does not know/);
    expect(
      request([
        ['filter[query]', 'q'],
        ['include', 'tracks.bogus'],
      ]).join('\n'),
    ).toMatch(/not a relationship/);
    expect(
      contract
        .requestProblems({
          method: 'POST',
          template: '/playlists',
          query: [],
          headers: { 'content-type': 'application/json' },
          body: { data: { type: 'playlists', attributes: { name: 'x' } } },
        })
        .join('\n'),
    ).toMatch(/body sent as application\/json; the spec declares application\/vnd\.api\+json/);
  });
});
