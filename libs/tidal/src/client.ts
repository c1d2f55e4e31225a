import { randomUUID } from 'node:crypto';
import type { PlaylistItem, PlaylistMeta, Track } from '@tidal-remedy/contracts';
import pLimit from 'p-limit';
import { BatchedReads } from './batched-reads.js';
import type { TidalCredentials } from './credentials.js';
import {
  abortableSleep,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  HttpTransport,
  type RateLimitPolicy,
  type RetryPolicy,
} from './http-transport.js';
import {
  AddItemsDocumentSchema,
  type IncludedResource,
  PlaylistDocumentSchema,
  PlaylistItemsDocumentSchema,
  PlaylistsDocumentSchema,
  RelationshipDocumentSchema,
  SearchResultsDocumentSchema,
  TracksDocumentSchema,
  UserDocumentSchema,
} from './json-api.js';
import { JsonApiEngine, mapDocument, nextCursor, type TidalLogger } from './json-api-engine.js';
import { IncludedIndex, notInCountry, toPlaylistMeta, toTrack, undescribedTrack } from './mapping.js';
import { MemoryTokenStore } from './memory-token-store.js';
import type { RequestGate } from './request-gate.js';
import { type RequestEvent, RequestStats } from './request-stats.js';
import { TokenProvider } from './token-provider.js';
import type { StoredToken, TokenStore } from './token-store.js';

export { JSON_API, type TidalLogger } from './json-api-engine.js';

export const DEFAULT_API_URL = 'https://openapi.tidal.com/v2';
export const DEFAULT_AUTH_URL = 'https://auth.tidal.com/v1/oauth2/token';
/** Most items one add or remove request may carry (maxItems in TIDAL's spec). */
export const MAX_ITEMS_PER_WRITE = 50;
/** Most values per `filter[id]` / `filter[isrc]` request (not stated in the spec; see the README). */
export const DEFAULT_MAX_IDS_PER_REQUEST = 20;
/** The spec's maxLength of a search's `filter[query]`. */
export const MAX_QUERY_LENGTH = 256;

/**
 * What every read of tracks brings with them, by TIDAL's include rules: their artists, their album and the
 * album's own artists (a compilation's "Various Artists"), and their usage rules in the country.
 */
const TRACK_DETAILS = ['artists', 'albums.artists', 'albums.coverArt', 'usageRules'];

/** Where TIDAL's web player shows tracks, albums and playlists by id. */
export const TIDAL_WEB_BASE = 'https://tidal.com/browse';

/**
 * The web player's base for links to what an API at `apiUrl` returns: tidal.com for TIDAL's own API, null
 * for anything else (the emulator: its ids mean nothing on tidal.com, so no link is better than a wrong one).
 */
export function webBaseFor(apiUrl: string): string | null {
  try {
    return new URL(apiUrl).hostname.toLowerCase() === 'openapi.tidal.com' ? TIDAL_WEB_BASE : null;
  } catch {
    return null;
  }
}
/** The same, for tracks one relationship away from the request's root resource (paths are relative to it). */
const detailsOf = (relationship: string) => [
  relationship,
  ...TRACK_DETAILS.map((path) => `${relationship}.${path}`),
];

export interface TidalClientOptions {
  credentials: TidalCredentials;
  /** TIDAL_API_URL; default https://openapi.tidal.com/v2. */
  apiUrl?: string;
  /** TIDAL_AUTH_URL; default https://auth.tidal.com/v1/oauth2/token. */
  authUrl?: string;
  /** Where tokens are kept; a RedisTokenStore shares them (and their renewal) between replicas. */
  tokenStore?: TokenStore;
  /** Per-attempt timeout; default 10 s. Also how long a write TIDAL reports in progress is waited for. */
  timeoutMs?: number;
  /** 5xx / network / timeout retries; default 3 retries, 250 ms doubling to at most 8 s, jittered. */
  retry?: Partial<RetryPolicy>;
  /** 429 handling; default 2 retries when Retry-After ≤ 30 s. `{ maxRetries: 0 }`: always throw. */
  rateLimit?: Partial<RateLimitPolicy>;
  /** Paces requests below TIDAL's rate limit; a RedisRequestGate paces every replica together. */
  gate?: RequestGate;
  /** Ids per bulk read; default 20. */
  maxIdsPerRequest?: number;
  /** Bulk reads in flight at once; default 4. */
  concurrency?: number;
  /** Renew the token this long before it expires; default 60 s. */
  refreshSkewMs?: number;
  /** Share one RequestStats between clients, or get a fresh one (`client.stats`). */
  stats?: RequestStats;
  /** Sees every HTTP attempt as it ends (ignored when `stats` is given: pass it to RequestStats). */
  onRequest?: (event: RequestEvent) => void;
  logger?: TidalLogger;
  fetch?: typeof fetch;
  /** Jitter source; default Math.random. */
  random?: () => number;
  now?: () => number;
  /** Sees each user token renewed from TIDAL, with the newest refresh token (to keep it where it came from). */
  onTokenRenewed?: (token: StoredToken) => void;
}

/** A TIDAL account, as `GET /users/me` describes it. */
export interface TidalUser {
  id: string;
  username: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CountryOptions extends CallOptions {
  /** ISO 3166-1 alpha-2; decides availability. */
  countryCode: string;
}

/** An entry of a playlist without its track's details: what positions and writes need. */
export interface PlaylistItemRef {
  /** 0-based position among all items (videos included, though not returned by listPlaylistItems). */
  position: number;
  /** TIDAL's id of the entry (needed to remove it or insert before it); optional in its spec, null then. */
  itemId: string | null;
  trackId: string;
  type: string;
}

/** One page of a playlist's items, the tracks TIDAL described with it, and the cursor to the next. */
export interface PlaylistItemsPage {
  refs: PlaylistItemRef[];
  /** The page's tracks returned in the country, with their details, by id (empty when none were asked). */
  tracks: ReadonlyMap<string, Track>;
  /** null after the last page. */
  nextCursor: string | null;
}

/** Where reading a playlist's items starts: after a page already read (see getPlaylistWithItems). */
export interface ItemsFrom {
  after?: PlaylistItemsPage | null;
}

export interface AddedItem {
  itemId: string;
  trackId: string;
}

export interface AddItemsResult {
  /** The new items, in order. */
  added: AddedItem[];
  /** Track ids TIDAL did not add (it does not know them). */
  skipped: string[];
}

export interface WriteOptions extends CallOptions {
  /**
   * Makes the write safe to repeat: TIDAL replays the first answer for the same key and payload, for an
   * hour. Give a stable one (derived from the remedy) to make a retried job idempotent; by default each call
   * draws one, which still makes the client's own retries safe. At most 100 characters.
   */
  idempotencyKey?: string;
}

/**
 * TIDAL's official API (openapi.tidal.com/v2, JSON:API) as the pipeline needs it, answering in the domain
 * types of @tidal-remedy/contracts. Works unchanged against the emulator: only the two URLs differ.
 */
export class TidalClient {
  readonly stats: RequestStats;
  /** Links to TIDAL's web player for what this client reads; null when it talks to something else. */
  readonly webBase: string | null;
  private readonly engine: JsonApiEngine;
  private readonly maxIds: number;
  private readonly concurrency: number;
  private readonly logger: TidalLogger | undefined;
  private readonly userTokens: TokenProvider;
  private readonly credentials: TidalCredentials;

  constructor(options: TidalClientOptions) {
    const now = options.now ?? Date.now;
    this.stats = options.stats ?? new RequestStats(options.onRequest);
    this.maxIds = options.maxIdsPerRequest ?? DEFAULT_MAX_IDS_PER_REQUEST;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.logger = options.logger;
    this.webBase = webBaseFor(options.apiUrl ?? DEFAULT_API_URL);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const transport = new HttpTransport({
      timeoutMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
      stats: this.stats,
      fetch: options.fetch ?? globalThis.fetch,
      random: options.random ?? Math.random,
      sleep: abortableSleep,
      onRetry: (info) => this.logger?.warn(info, 'retrying TIDAL request'),
      ...(options.gate ? { gate: options.gate } : {}),
    });
    const store = options.tokenStore ?? new MemoryTokenStore(now);
    const tokens = (credentials: TidalCredentials, onRenewed?: (token: StoredToken) => void) =>
      new TokenProvider({
        credentials,
        authUrl: options.authUrl ?? DEFAULT_AUTH_URL,
        store,
        transport,
        refreshSkewMs: options.refreshSkewMs ?? 60_000,
        lockTtlMs: 10_000,
        lockWaitMs: 20_000,
        now,
        sleep: (ms) => abortableSleep(ms),
        onRefresh: (info) => this.logger?.info(info, 'TIDAL access token renewed'),
        ...(onRenewed ? { onRenewed } : {}),
      });
    const catalog = catalogCredentials(options.credentials);
    this.credentials = options.credentials;
    this.userTokens = tokens(options.credentials, options.onTokenRenewed);
    this.engine = new JsonApiEngine({
      apiUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
      transport,
      userTokens: this.userTokens,
      catalogTokens: catalog ? tokens(catalog) : null,
      inProgressWaitMs: timeoutMs,
      sleep: abortableSleep,
      logger: this.logger,
    });
  }

  /**
   * What the credentials may do, before any API call: whether they are a user's (a refresh token or a
   * user's access token; client credentials alone are not) and the scopes TIDAL granted their token
   * (obtaining one; null when neither TIDAL nor the credentials say).
   */
  async tokenInfo(): Promise<{ userToken: boolean; scopes: string[] | null }> {
    const { refreshToken, accessToken } = this.credentials;
    const userToken = refreshToken !== null || accessToken !== null;
    return { userToken, scopes: await this.userTokens.scopes() };
  }

  /**
   * The token's user (`GET /users/me`, needs a user token with `user.read`): id, username and the account's
   * country (ISO 3166-1 alpha-2), the country its availability is decided in.
   */
  async getMe(options: CallOptions = {}): Promise<TidalUser> {
    const document = await this.engine.request({
      method: 'GET',
      template: '/users/{id}',
      params: { id: 'me' },
      query: [],
      token: 'user',
      schema: UserDocumentSchema,
      signal: options.signal,
    });
    const { id, attributes } = document.data;
    return { id, username: attributes.username, countryCode: attributes.country };
  }

  /** A playlist's name, description, last-modified time, item count and owner. */
  async getPlaylist(
    playlistId: string,
    options: CallOptions & { countryCode?: string } = {},
  ): Promise<PlaylistMeta> {
    const document = await this.engine.request({
      method: 'GET',
      template: '/playlists/{id}',
      params: { id: playlistId },
      query: [...country(options.countryCode), include(['owners'])],
      token: 'user',
      schema: PlaylistDocumentSchema,
      signal: options.signal,
    });
    return toPlaylistMeta(document.data);
  }

  /**
   * A playlist's metadata with the first page of its items and their tracks' details, in one call
   * (`include=owners,items,items.artists,…`: the playlist's items relationship carries its first page and the
   * cursor to the next), so that reading a playlist costs no call beyond its pages. `firstPage` is null when
   * TIDAL sent no items with it; then reading starts from the beginning.
   */
  async getPlaylistWithItems(
    playlistId: string,
    options: CallOptions & { countryCode?: string } = {},
  ): Promise<{ meta: PlaylistMeta; firstPage: PlaylistItemsPage | null }> {
    const endpoint = 'GET /playlists/{id}';
    const document = await this.engine.request({
      method: 'GET',
      template: '/playlists/{id}',
      params: { id: playlistId },
      query: [...country(options.countryCode), include(['owners', ...detailsOf('items')])],
      token: 'user',
      schema: PlaylistDocumentSchema,
      signal: options.signal,
    });
    const items = document.data.relationships?.items;
    const firstPage = items?.data
      ? {
          refs: toItemRefs(items.data, 0),
          tracks: describedTracks(document.included, endpoint),
          nextCursor: nextCursor(items.links, endpoint, new Set()),
        }
      : null;
    return { meta: toPlaylistMeta(document.data), firstPage };
  }

  /**
   * The token user's own playlists (`GET /playlists?filter[owners.id]=me`), most recently changed first,
   * page by page; stops at (and ends the list with) the first one `until` accepts, as the publish step does
   * when it looks for its marker. TIDAL promises no order among equal times: `until` may find its playlist
   * anywhere in the list.
   */
  async listOwnPlaylists(
    options: CallOptions & { until?: (playlist: PlaylistMeta) => boolean } = {},
  ): Promise<PlaylistMeta[]> {
    const playlists: PlaylistMeta[] = [];
    let found = false;
    await this.engine.eachPage(async (cursor) => {
      const document = await this.engine.request({
        method: 'GET',
        template: '/playlists',
        query: [['filter[owners.id]', 'me'], ['sort', '-lastModifiedAt'], ...pageCursor(cursor)],
        token: 'user',
        schema: PlaylistsDocumentSchema,
        signal: options.signal,
      });
      for (const resource of document.data) {
        const playlist = toPlaylistMeta(resource);
        playlists.push(playlist);
        if (options.until?.(playlist)) {
          found = true;
          break;
        }
      }
      return { endpoint: 'GET /playlists', links: found ? undefined : document.links };
    });
    return playlists;
  }

  /**
   * One of the token user's own playlists (`GET /playlists?filter[owners.id]=me&filter[id]=…`), or null when
   * it does not exist or is not the user's: what `getPlaylist` cannot tell, since a public playlist of
   * anyone reads the same.
   */
  async findOwnPlaylist(playlistId: string, options: CallOptions = {}): Promise<PlaylistMeta | null> {
    const document = await this.engine.request({
      method: 'GET',
      template: '/playlists',
      query: [
        ['filter[owners.id]', 'me'],
        ['filter[id]', playlistId],
      ],
      token: 'user',
      schema: PlaylistsDocumentSchema,
      signal: options.signal,
    });
    const resource = document.data.find((playlist) => playlist.id === playlistId);
    return resource ? toPlaylistMeta(resource) : null;
  }

  /**
   * Every item of a playlist, all pages, in order, with item ids; no track details (one call per page),
   * from the start or `after` a page already read.
   */
  async listPlaylistItemRefs(
    playlistId: string,
    options: CallOptions & ItemsFrom & { countryCode?: string } = {},
  ): Promise<PlaylistItemRef[]> {
    return this.readItemPages(playlistId, { ...options, details: false });
  }

  /**
   * Every track item of a playlist, in order, with its item id and the track's details and availability
   * in `countryCode`: one call per page of items, which brings the details of the tracks TIDAL returns in
   * the country (`include=items,items.artists,items.albums.artists,items.usageRules`). The others are read
   * again without a country, in bulk (started as each batch of 20 arrives, while the next pages are read),
   * and marked `not-in-country`; a track TIDAL describes in no reading at all is kept as an undescribed
   * stub (empty title, no artists) so positions stay true.
   */
  async listPlaylistItems(playlistId: string, options: CountryOptions & ItemsFrom): Promise<PlaylistItem[]> {
    const tracks = new Map<string, Track>();
    const elsewhere = new BatchedReads<Track>(this.maxIds, pLimit(this.concurrency), async (batch) =>
      (await this.readTracks('filter[id]', batch, null, options.signal)).map(notInCountry),
    );
    const refs = (
      await this.readItemPages(playlistId, { ...options, details: true }, (page) => {
        for (const [id, track] of page.tracks) tracks.set(id, track);
        elsewhere.add(
          page.refs.flatMap((ref) =>
            ref.type === 'tracks' && !tracks.has(ref.trackId) ? [ref.trackId] : [],
          ),
        );
      })
    ).filter((ref) => ref.type === 'tracks');
    for (const track of await elsewhere.done()) if (!tracks.has(track.id)) tracks.set(track.id, track);
    return refs.map((ref) => {
      let track = tracks.get(ref.trackId);
      if (!track) {
        this.logger?.warn({ playlistId, trackId: ref.trackId }, 'TIDAL describes no track with this id');
        track = undescribedTrack(ref.trackId);
      }
      return { position: ref.position, itemId: ref.itemId, track };
    });
  }

  /**
   * Tracks by id, in bulk (maxIdsPerRequest per request), with artists, album and usage rules. Ids TIDAL
   * does not return for `countryCode` are read again without a country and marked `not-in-country`; ids
   * TIDAL does not describe at all are absent from the map.
   */
  async getTracks(ids: readonly string[], options: CountryOptions): Promise<Map<string, Track>> {
    const unique = [...new Set(ids)];
    const found = await this.readTracks('filter[id]', unique, options.countryCode, options.signal);
    const tracks = new Map(found.map((track) => [track.id, track]));
    const missing = unique.filter((id) => !tracks.has(id));
    if (missing.length > 0) {
      for (const track of await this.readTracks('filter[id]', missing, null, options.signal)) {
        tracks.set(track.id, notInCountry(track));
      }
    }
    return new Map(unique.filter((id) => tracks.has(id)).map((id) => [id, tracks.get(id)!]));
  }

  /**
   * One track per ISRC, in bulk (TIDAL gives a single track per ISRC when asked for several). ISRCs
   * with no track returned in `countryCode` are absent. To see every release of a recording, use
   * listTracksByIsrc.
   */
  async getTracksByIsrc(isrcs: readonly string[], options: CountryOptions): Promise<Map<string, Track>> {
    const unique = [...new Set(isrcs)];
    const byIsrc = new Map<string, Track>();
    for (const track of await this.readTracks('filter[isrc]', unique, options.countryCode, options.signal)) {
      if (track.isrc !== null && !byIsrc.has(track.isrc)) byIsrc.set(track.isrc, track);
    }
    return byIsrc;
  }

  /** Every track TIDAL returns in `countryCode` with this ISRC (all releases of the recording), all pages. */
  async listTracksByIsrc(isrc: string, options: CountryOptions): Promise<Track[]> {
    const tracks: Track[] = [];
    await this.engine.eachPage(async (cursor) => {
      const document = await this.engine.request({
        method: 'GET',
        template: '/tracks',
        query: [
          ...country(options.countryCode),
          ['filter[isrc]', isrc],
          include(TRACK_DETAILS),
          ...pageCursor(cursor),
        ],
        token: 'catalog',
        schema: TracksDocumentSchema,
        signal: options.signal,
      });
      tracks.push(...primaryTracks(document, 'GET /tracks'));
      return { endpoint: 'GET /tracks', links: document.links };
    });
    return tracks;
  }

  /**
   * Catalog search for tracks, best first, at most `limit` (default 20), with full details. The details
   * come with the results (`include=tracks.artists,tracks.albums.artists,tracks.usageRules`: TIDAL's include
   * paths nest, and hold on relationship endpoints too), so a search of one page is one call; a track the
   * answer does not describe is read in bulk. A query over the spec's 256 characters is cut at a word.
   */
  async searchTracks(
    query: string,
    options: CountryOptions & { limit?: number; explicitFilter?: 'INCLUDE' | 'EXCLUDE' },
  ): Promise<Track[]> {
    const limit = options.limit ?? 20;
    const explicit: [string, string][] = options.explicitFilter
      ? [['explicitFilter', options.explicitFilter]]
      : [];
    const details = include(TRACK_DETAILS.map((path) => `tracks.${path}`));
    const first = await this.engine.request({
      method: 'GET',
      template: '/searchResults',
      query: [...country(options.countryCode), ['filter[query]', capQuery(query)], ...explicit, details],
      token: 'catalog',
      schema: SearchResultsDocumentSchema,
      signal: options.signal,
    });
    const result = first.data[0];
    const ids = (result?.relationships?.tracks?.data ?? []).map((ref) => ref.id);
    const included = [...(first.included ?? [])];
    let links = result?.relationships?.tracks?.links;
    const seen = new Set<string>();
    while (result && ids.length < limit) {
      const cursor = nextCursor(links, 'GET /searchResults', seen);
      if (cursor === null) break;
      const page = await this.engine.request({
        method: 'GET',
        template: '/searchResults/{id}/relationships/tracks',
        params: { id: result.id },
        query: [...country(options.countryCode), ...explicit, details, ['page[cursor]', cursor]],
        token: 'catalog',
        schema: RelationshipDocumentSchema,
        signal: options.signal,
      });
      ids.push(...page.data.map((ref) => ref.id));
      included.push(...(page.included ?? []));
      links = page.links;
    }
    const wanted = [...new Set(ids)].slice(0, limit);
    const byId = new Map(describedTracks(included, 'GET /searchResults'));
    const undescribed = wanted.filter((id) => !byId.has(id));
    if (undescribed.length > 0) {
      for (const track of await this.readTracks(
        'filter[id]',
        undescribed,
        options.countryCode,
        options.signal,
      )) {
        byId.set(track.id, track);
      }
    }
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** Creates a playlist owned by the token's user (needs a user token). */
  async createPlaylist(
    input: { name: string; description?: string; accessType?: 'PUBLIC' | 'UNLISTED' },
    options: WriteOptions = {},
  ): Promise<PlaylistMeta> {
    const attributes: Record<string, string> = { name: input.name };
    if (input.description !== undefined) attributes.description = input.description;
    if (input.accessType !== undefined) attributes.accessType = input.accessType;
    const document = await this.engine.request({
      method: 'POST',
      template: '/playlists',
      body: { data: { type: 'playlists', attributes } },
      idempotencyKey: checkedKey(options.idempotencyKey),
      token: 'user',
      schema: PlaylistDocumentSchema,
      signal: options.signal,
    });
    return toPlaylistMeta(document.data);
  }

  /** Deletes a playlist of the token's user (needs a user token); a 404 when there is none. */
  async deletePlaylist(playlistId: string, options: WriteOptions = {}): Promise<void> {
    await this.engine.request({
      method: 'DELETE',
      template: '/playlists/{id}',
      params: { id: playlistId },
      idempotencyKey: checkedKey(options.idempotencyKey),
      token: 'user',
      schema: null,
      signal: options.signal,
    });
  }

  /**
   * Adds tracks before the item `positionBefore` (an item id), or at the end; in requests of at most 50,
   * keeping their order.
   */
  async addItems(
    playlistId: string,
    trackIds: readonly string[],
    options: WriteOptions & { positionBefore?: string } = {},
  ): Promise<AddItemsResult> {
    const result: AddItemsResult = { added: [], skipped: [] };
    const base = checkedKey(options.idempotencyKey);
    for (const [n, chunk] of chunks(trackIds, MAX_ITEMS_PER_WRITE).entries()) {
      const document = await this.engine.request({
        method: 'POST',
        template: '/playlists/{id}/relationships/items',
        params: { id: playlistId },
        body: {
          data: chunk.map((id) => ({ id, type: 'tracks' })),
          ...(options.positionBefore === undefined
            ? {}
            : { meta: { positionBefore: options.positionBefore } }),
        },
        idempotencyKey: `${base}.${n}`,
        token: 'user',
        schema: AddItemsDocumentSchema,
        signal: options.signal,
      });
      result.added.push(...document.data.map((item) => ({ itemId: item.meta.itemId, trackId: item.id })));
      result.skipped.push(...(document.meta?.skipped ?? []).map((item) => item.id));
    }
    return result;
  }

  /** Removes items by item id (with the track each holds), in requests of at most 50. */
  async removeItems(
    playlistId: string,
    items: readonly { itemId: string; trackId: string }[],
    options: WriteOptions = {},
  ): Promise<void> {
    const base = checkedKey(options.idempotencyKey);
    for (const [n, chunk] of chunks(items, MAX_ITEMS_PER_WRITE).entries()) {
      await this.engine.request({
        method: 'DELETE',
        template: '/playlists/{id}/relationships/items',
        params: { id: playlistId },
        body: {
          data: chunk.map((item) => ({ id: item.trackId, type: 'tracks', meta: { itemId: item.itemId } })),
        },
        idempotencyKey: `${base}.${n}`,
        token: 'user',
        schema: null,
        signal: options.signal,
      });
    }
  }

  /**
   * Pages of a playlist's items from the start or after `options.after`, with their tracks' details when
   * `details`; `onPage` sees each page as it arrives.
   */
  private async readItemPages(
    playlistId: string,
    options: CallOptions & ItemsFrom & { countryCode?: string; details: boolean },
    onPage?: (page: PlaylistItemsPage) => void,
  ): Promise<PlaylistItemRef[]> {
    const endpoint = 'GET /playlists/{id}/relationships/items';
    const refs: PlaylistItemRef[] = [];
    const first = options.after;
    if (first) {
      refs.push(...first.refs);
      onPage?.(first);
      if (first.nextCursor === null) return refs;
    }
    await this.engine.eachPage(async (cursor) => {
      const document = await this.engine.request({
        method: 'GET',
        template: '/playlists/{id}/relationships/items',
        params: { id: playlistId },
        query: [
          ...country(options.countryCode),
          ...(options.details ? [include(detailsOf('items'))] : []),
          ...pageCursor(cursor),
        ],
        token: 'user',
        schema: PlaylistItemsDocumentSchema,
        signal: options.signal,
      });
      const page = toItemRefs(document.data, refs.length);
      refs.push(...page);
      onPage?.({
        refs: page,
        tracks: describedTracks(document.included, endpoint),
        nextCursor: null,
      });
      return { endpoint, links: document.links };
    }, first?.nextCursor ?? null);
    return refs;
  }

  /** Bulk `GET /tracks` by ids or ISRCs, maxIdsPerRequest per request, `concurrency` at a time. */
  private async readTracks(
    filter: 'filter[id]' | 'filter[isrc]',
    values: readonly string[],
    countryCode: string | null,
    signal: AbortSignal | undefined,
  ): Promise<Track[]> {
    const limit = pLimit(this.concurrency);
    const batches = await Promise.all(
      chunks(values, this.maxIds).map((batch) =>
        limit(async () => {
          const document = await this.engine.request({
            method: 'GET',
            template: '/tracks',
            query: [
              ...country(countryCode ?? undefined),
              // Repeated, as TIDAL's spec serialises arrays (style form, explode).
              ...batch.map((value): [string, string] => [filter, value]),
              include(TRACK_DETAILS),
            ],
            token: 'catalog',
            schema: TracksDocumentSchema,
            signal,
          });
          return primaryTracks(document, 'GET /tracks');
        }),
      ),
    );
    return batches.flat();
  }
}

/**
 * The credentials of the catalog token: the app's own (client credentials) when the credentials hold a
 * user's token and the app's secret; null when there is nothing better than the one token they give.
 */
function catalogCredentials(credentials: TidalCredentials): TidalCredentials | null {
  const { clientId, clientSecret, refreshToken, accessToken } = credentials;
  if (clientId === null || clientSecret === null) return null;
  if (refreshToken === null && accessToken === null) return null;
  return { clientId, clientSecret, refreshToken: null, accessToken: null, expiresAt: null };
}

/** Items of a page as refs, numbered from `offset`; `meta.itemId` may be absent (it is optional). */
function toItemRefs(
  data: ReadonlyArray<{ id: string; type: string; meta?: { itemId?: string | undefined } | undefined }>,
  offset: number,
): PlaylistItemRef[] {
  return data.map((item, n) => ({
    position: offset + n,
    itemId: item.meta?.itemId ?? null,
    trackId: item.id,
    type: item.type,
  }));
}

/** The primary tracks of a `GET /tracks` document, with what its `included` says of them. */
function primaryTracks(
  document: { data: Parameters<typeof toTrack>[0][]; included?: IncludedResource[] | undefined },
  endpoint: string,
): Track[] {
  const index = new IncludedIndex(document.included);
  return mapDocument(endpoint, () =>
    document.data.map((resource, n) => toTrack(resource, index, `data[${n}]`)),
  );
}

/** The tracks described in full (their artists included) among `included`, by id. */
function describedTracks(
  included: readonly IncludedResource[] | undefined,
  endpoint: string,
): Map<string, Track> {
  const index = new IncludedIndex(included);
  const tracks = new Map<string, Track>();
  mapDocument(endpoint, () =>
    (included ?? []).forEach((resource, n) => {
      if (resource.type !== 'tracks' || resource.relationships?.artists?.data === undefined) return;
      tracks.set(resource.id, toTrack(resource, index, `included[${n}]`));
    }),
  );
  return tracks;
}

function include(paths: readonly string[]): [string, string] {
  return ['include', paths.join(',')];
}

function country(countryCode: string | undefined): [string, string][] {
  return countryCode === undefined ? [] : [['countryCode', countryCode]];
}

function pageCursor(cursor: string | null): [string, string][] {
  return cursor === null ? [] : [['page[cursor]', cursor]];
}

/** A search query within the spec's maxLength (256 characters), cut at the last word that fits. */
export function capQuery(query: string): string {
  const characters = [...query.trim()];
  if (characters.length <= MAX_QUERY_LENGTH) return query.trim();
  const head = characters.slice(0, MAX_QUERY_LENGTH + 1).join('');
  const lastSpace = head.search(/\s\S*$/);
  return (
    lastSpace > 0 ? head.slice(0, lastSpace) : characters.slice(0, MAX_QUERY_LENGTH).join('')
  ).trimEnd();
}

/** The caller's key or a fresh one; chunked writes suffix it per chunk (TIDAL allows 128 characters). */
function checkedKey(key: string | undefined): string {
  if (key !== undefined && (key.length === 0 || key.length > 100)) {
    throw new RangeError('idempotencyKey must have 1 to 100 characters');
  }
  return key ?? randomUUID();
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
