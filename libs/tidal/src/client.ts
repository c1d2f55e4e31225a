import { randomUUID } from 'node:crypto';
import type { PlaylistItem, PlaylistMeta, Track } from '@tidal-remedy/contracts';
import type { z } from 'zod';
import type { TidalCredentials } from './credentials.js';
import {
  RateLimitedError,
  redactSecrets,
  TidalBadRequestError,
  type TidalErrorObject,
  TidalForbiddenError,
  TidalNotFoundError,
  TidalResponseError,
  TidalServerError,
  TidalUnauthorizedError,
} from './errors.js';
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
  ErrorDocumentSchema,
  type Links,
  PlaylistDocumentSchema,
  PlaylistItemsDocumentSchema,
  PlaylistsDocumentSchema,
  RelationshipDocumentSchema,
  SearchResultsDocumentSchema,
  TracksDocumentSchema,
} from './json-api.js';
import { IncludedIndex, MissingIncludedError, notInCountry, toPlaylistMeta, toTrack } from './mapping.js';
import { MemoryTokenStore } from './memory-token-store.js';
import type { RequestGate } from './request-gate.js';
import { type RequestEvent, RequestStats } from './request-stats.js';
import { TokenProvider } from './token-provider.js';
import type { TokenStore } from './token-store.js';
import { formatPath } from './zod-path.js';

export const DEFAULT_API_URL = 'https://openapi.tidal.com/v2';
export const DEFAULT_AUTH_URL = 'https://auth.tidal.com/v1/oauth2/token';
/** TIDAL's JSON:API media type, sent as Accept and as Content-Type of writes. */
export const JSON_API = 'application/vnd.api+json';
/** Most items one add or remove request may carry (maxItems in TIDAL's spec). */
export const MAX_ITEMS_PER_WRITE = 50;
/** Most values per `filter[id]` / `filter[isrc]` request (not stated in the spec; see the README). */
export const DEFAULT_MAX_IDS_PER_REQUEST = 20;

/** A structured logger (a pino logger fits). The client logs no token, header or body. */
export interface TidalLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface TidalClientOptions {
  credentials: TidalCredentials;
  /** TIDAL_API_URL; default https://openapi.tidal.com/v2. */
  apiUrl?: string;
  /** TIDAL_AUTH_URL; default https://auth.tidal.com/v1/oauth2/token. */
  authUrl?: string;
  /** Where tokens are kept; a RedisTokenStore shares them (and their renewal) between replicas. */
  tokenStore?: TokenStore;
  /** Per-attempt timeout; default 10 s. */
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
  itemId: string;
  trackId: string;
  type: string;
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
   * Makes the write safe to repeat: TIDAL replays the first answer for the same key and payload. Give a
   * stable one (derived from the remedy) to make a retried job idempotent; by default each call draws one,
   * which still makes the client's own retries safe. At most 100 characters.
   */
  idempotencyKey?: string;
}

interface ApiRequest<S extends z.ZodType | null> {
  method: 'GET' | 'POST' | 'DELETE';
  template: string;
  params?: Record<string, string>;
  query?: [string, string][];
  body?: unknown;
  idempotencyKey?: string;
  schema: S;
  signal?: AbortSignal | undefined;
}

/**
 * TIDAL's official API (openapi.tidal.com/v2, JSON:API) as the pipeline needs it, answering in the domain
 * types of @tidal-remedy/contracts. Works unchanged against the emulator: only the two URLs differ.
 */
export class TidalClient {
  readonly stats: RequestStats;
  private readonly apiUrl: string;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenProvider;
  private readonly maxIds: number;
  private readonly concurrency: number;
  private readonly logger: TidalLogger | undefined;

  constructor(options: TidalClientOptions) {
    const now = options.now ?? Date.now;
    this.apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
    this.stats = options.stats ?? new RequestStats(options.onRequest);
    this.maxIds = options.maxIdsPerRequest ?? DEFAULT_MAX_IDS_PER_REQUEST;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.logger = options.logger;
    this.transport = new HttpTransport({
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
      stats: this.stats,
      fetch: options.fetch ?? globalThis.fetch,
      random: options.random ?? Math.random,
      sleep: abortableSleep,
      onRetry: (info) => this.logger?.warn(info, 'retrying TIDAL request'),
      ...(options.gate ? { gate: options.gate } : {}),
    });
    this.tokens = new TokenProvider({
      credentials: options.credentials,
      authUrl: options.authUrl ?? DEFAULT_AUTH_URL,
      store: options.tokenStore ?? new MemoryTokenStore(now),
      transport: this.transport,
      refreshSkewMs: options.refreshSkewMs ?? 60_000,
      lockTtlMs: 10_000,
      lockWaitMs: 20_000,
      now,
      sleep: (ms) => abortableSleep(ms),
      onRefresh: (info) => this.logger?.info(info, 'TIDAL access token renewed'),
    });
  }

  /** A playlist's name, description, last-modified time, item count and owner. */
  async getPlaylist(
    playlistId: string,
    options: CallOptions & { countryCode?: string } = {},
  ): Promise<PlaylistMeta> {
    const document = await this.request({
      method: 'GET',
      template: '/playlists/{id}',
      params: { id: playlistId },
      query: [...country(options.countryCode), ['include', 'owners']],
      schema: PlaylistDocumentSchema,
      signal: options.signal,
    });
    return toPlaylistMeta(document.data);
  }

  /**
   * The token user's own playlists (`GET /playlists?filter[owners.id]=me`), most recently changed first,
   * page by page; stops at (and ends the list with) the first one `until` accepts, as the publish step does
   * when it looks for its marker.
   */
  async listOwnPlaylists(
    options: CallOptions & { until?: (playlist: PlaylistMeta) => boolean } = {},
  ): Promise<PlaylistMeta[]> {
    const playlists: PlaylistMeta[] = [];
    let found = false;
    await this.eachPage(async (cursor) => {
      const document = await this.request({
        method: 'GET',
        template: '/playlists',
        query: [['filter[owners.id]', 'me'], ['sort', '-lastModifiedAt'], ...pageCursor(cursor)],
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

  /** Every item of a playlist, all pages, in order, with item ids; no track details (one call per page). */
  async listPlaylistItemRefs(
    playlistId: string,
    options: CallOptions & { countryCode?: string } = {},
  ): Promise<PlaylistItemRef[]> {
    const refs: PlaylistItemRef[] = [];
    await this.eachPage(async (cursor) => {
      const document = await this.request({
        method: 'GET',
        template: '/playlists/{id}/relationships/items',
        params: { id: playlistId },
        query: [...country(options.countryCode), ...pageCursor(cursor)],
        schema: PlaylistItemsDocumentSchema,
        signal: options.signal,
      });
      for (const item of document.data) {
        refs.push({ position: refs.length, itemId: item.meta.itemId, trackId: item.id, type: item.type });
      }
      return { endpoint: 'GET /playlists/{id}/relationships/items', links: document.links };
    });
    return refs;
  }

  /**
   * Every track item of a playlist, in order, with its item id and the track's details and availability
   * in `countryCode` (pages of items, then bulk track reads). A track TIDAL describes in no reading at all
   * is kept as an unavailable stub (empty title, no artists) so positions stay true.
   */
  async listPlaylistItems(playlistId: string, options: CountryOptions): Promise<PlaylistItem[]> {
    const refs = (await this.listPlaylistItemRefs(playlistId, options)).filter(
      (ref) => ref.type === 'tracks',
    );
    const tracks = await this.getTracks(
      refs.map((ref) => ref.trackId),
      options,
    );
    return refs.map((ref) => {
      let track = tracks.get(ref.trackId);
      if (!track) {
        this.logger?.warn({ playlistId, trackId: ref.trackId }, 'TIDAL describes no track with this id');
        track = unknownTrack(ref.trackId);
      }
      return { position: ref.position, itemId: ref.itemId, track };
    });
  }

  /**
   * Tracks by id, in bulk (maxIdsPerRequest per request), with artists and album. Ids TIDAL does not
   * return for `countryCode` are read again without a country and marked `not-in-country`; ids TIDAL does
   * not know at all are absent from the map.
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
    await this.eachPage(async (cursor) => {
      const document = await this.request({
        method: 'GET',
        template: '/tracks',
        query: [
          ...country(options.countryCode),
          ['filter[isrc]', isrc],
          ['include', 'artists,albums'],
          ...pageCursor(cursor),
        ],
        schema: TracksDocumentSchema,
        signal: options.signal,
      });
      tracks.push(...this.mapTracks(document, 'GET /tracks'));
      return { endpoint: 'GET /tracks', links: document.links };
    });
    return tracks;
  }

  /** Catalog search for tracks, best first, at most `limit` (default 20), with full details. */
  async searchTracks(
    query: string,
    options: CountryOptions & { limit?: number; explicitFilter?: 'INCLUDE' | 'EXCLUDE' },
  ): Promise<Track[]> {
    const limit = options.limit ?? 20;
    const explicit: [string, string][] = options.explicitFilter
      ? [['explicitFilter', options.explicitFilter]]
      : [];
    const first = await this.request({
      method: 'GET',
      template: '/searchResults',
      query: [...country(options.countryCode), ['filter[query]', query], ...explicit, ['include', 'tracks']],
      schema: SearchResultsDocumentSchema,
      signal: options.signal,
    });
    const result = first.data[0];
    const ids = (result?.relationships?.tracks?.data ?? []).map((ref) => ref.id);
    let links = result?.relationships?.tracks?.links;
    const seen = new Set<string>();
    while (result && ids.length < limit) {
      const cursor = nextCursor(links, 'GET /searchResults', seen);
      if (cursor === null) break;
      const page = await this.request({
        method: 'GET',
        template: '/searchResults/{id}/relationships/tracks',
        params: { id: result.id },
        query: [...country(options.countryCode), ...explicit, ['page[cursor]', cursor]],
        schema: RelationshipDocumentSchema,
        signal: options.signal,
      });
      ids.push(...page.data.map((ref) => ref.id));
      links = page.links;
    }
    const wanted = [...new Set(ids)].slice(0, limit);
    const tracks = await this.readTracks('filter[id]', wanted, options.countryCode, options.signal);
    const byId = new Map(tracks.map((track) => [track.id, track]));
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
    const document = await this.request({
      method: 'POST',
      template: '/playlists',
      body: { data: { type: 'playlists', attributes } },
      idempotencyKey: checkedKey(options.idempotencyKey),
      schema: PlaylistDocumentSchema,
      signal: options.signal,
    });
    return toPlaylistMeta(document.data);
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
      const document = await this.request({
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
      await this.request({
        method: 'DELETE',
        template: '/playlists/{id}/relationships/items',
        params: { id: playlistId },
        body: {
          data: chunk.map((item) => ({ id: item.trackId, type: 'tracks', meta: { itemId: item.itemId } })),
        },
        idempotencyKey: `${base}.${n}`,
        schema: null,
        signal: options.signal,
      });
    }
  }

  /** Bulk `GET /tracks` by ids or ISRCs, maxIdsPerRequest per request, `concurrency` at a time. */
  private async readTracks(
    filter: 'filter[id]' | 'filter[isrc]',
    values: readonly string[],
    countryCode: string | null,
    signal: AbortSignal | undefined,
  ): Promise<Track[]> {
    const batches = await mapLimit(chunks(values, this.maxIds), this.concurrency, async (batch) => {
      const document = await this.request({
        method: 'GET',
        template: '/tracks',
        query: [
          ...country(countryCode ?? undefined),
          // Repeated, as TIDAL's spec serialises arrays (style form, explode).
          ...batch.map((value): [string, string] => [filter, value]),
          ['include', 'artists,albums'],
        ],
        schema: TracksDocumentSchema,
        signal,
      });
      return this.mapTracks(document, 'GET /tracks');
    });
    return batches.flat();
  }

  private mapTracks(document: z.output<typeof TracksDocumentSchema>, endpoint: string): Track[] {
    const included = new IncludedIndex(document.included);
    try {
      return document.data.map((resource, n) => toTrack(resource, included, `data[${n}]`));
    } catch (error) {
      if (error instanceof MissingIncludedError) {
        throw new TidalResponseError(endpoint, [{ path: error.path, message: error.message }]);
      }
      throw error;
    }
  }

  /** Follows a cursor-paged endpoint to its end; `fetchPage` returns the page's links. */
  private async eachPage(
    fetchPage: (cursor: string | null) => Promise<{ endpoint: string; links: Links | undefined }>,
  ): Promise<void> {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const { endpoint, links } = await fetchPage(cursor);
      cursor = nextCursor(links, endpoint, seen);
    } while (cursor !== null);
  }

  private async request<S extends z.ZodType | null>(
    spec: ApiRequest<S>,
  ): Promise<S extends z.ZodType ? z.output<S> : undefined> {
    const endpoint = `${spec.method} ${spec.template}`;
    const path = spec.template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(spec.params?.[name] ?? ''),
    );
    const query = (spec.query ?? []).map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    const url = `${this.apiUrl}${path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { Accept: JSON_API };
    if (spec.body !== undefined) headers['Content-Type'] = JSON_API;
    if (spec.idempotencyKey !== undefined) headers['Idempotency-Key'] = spec.idempotencyKey;
    const send = async (token: string) =>
      this.transport.send({
        method: spec.method,
        url,
        endpoint,
        headers: { ...headers, Authorization: `Bearer ${token}` },
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        idempotent: spec.method === 'GET' || spec.idempotencyKey !== undefined,
        ...(spec.signal ? { signal: spec.signal } : {}),
      });

    const token = await this.tokens.accessToken();
    let response = await send(token);
    if (response.status === 401) {
      this.logger?.info({ endpoint }, 'TIDAL refused the access token; renewing it once');
      response = await send(await this.tokens.accessToken(token));
    }
    if (response.status >= 400)
      throw this.toError(endpoint, response.status, response.text, response.retryAfterMs);
    if (spec.schema === null) return undefined as S extends z.ZodType ? z.output<S> : undefined;

    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new TidalResponseError(endpoint, [{ path: '(body)', message: 'not JSON' }]);
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new TidalResponseError(
        endpoint,
        parsed.error.issues.map((issue) => ({
          path: formatPath(issue.path) || '(root)',
          message: issue.message,
        })),
      );
    }
    return parsed.data as S extends z.ZodType ? z.output<S> : undefined;
  }

  private toError(endpoint: string, status: number, text: string, retryAfterMs: number | null): Error {
    if (status === 429) return new RateLimitedError(endpoint, retryAfterMs ?? 1000);
    const errors = this.errorObjects(text);
    switch (status) {
      case 401:
        return new TidalUnauthorizedError(
          status,
          endpoint,
          errors,
          'Check that the credentials may read this resource.',
        );
      case 403:
        return new TidalForbiddenError(
          status,
          endpoint,
          errors,
          'The token may not do this: writes need a user token (refresh_token) owning the playlist.',
        );
      case 404:
        return new TidalNotFoundError(
          status,
          endpoint,
          errors,
          'Check the id (and that it exists in this country).',
        );
      default:
        if (status >= 500) {
          return new TidalServerError(status, endpoint, errors, 'TIDAL is failing; retry later.');
        }
        return new TidalBadRequestError(
          status,
          endpoint,
          errors,
          'The request was refused as invalid; not retried.',
        );
    }
  }

  /** TIDAL's error objects, with anything secret redacted from the text it sent. */
  private errorObjects(text: string): TidalErrorObject[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return [];
    }
    const parsed = ErrorDocumentSchema.safeParse(json);
    if (!parsed.success) return [];
    const secrets = this.tokens.secrets();
    return parsed.data.errors.map((error) => ({
      ...error,
      ...(error.detail === undefined ? {} : { detail: redactSecrets(error.detail, secrets) }),
    }));
  }
}

function country(countryCode: string | undefined): [string, string][] {
  return countryCode === undefined ? [] : [['countryCode', countryCode]];
}

function pageCursor(cursor: string | null): [string, string][] {
  return cursor === null ? [] : [['page[cursor]', cursor]];
}

/** The next page's cursor: TIDAL's `links.meta.nextCursor`, else the `page[cursor]` of `links.next`. */
function nextCursor(links: Links | undefined, endpoint: string, seen: Set<string>): string | null {
  let cursor = links?.meta?.nextCursor ?? null;
  if (cursor === null && links?.next) {
    cursor = new URL(links.next, 'https://openapi.tidal.com').searchParams.get('page[cursor]');
  }
  if (cursor === null || cursor === '') return null;
  if (seen.has(cursor)) {
    throw new TidalResponseError(endpoint, [
      { path: 'links.meta.nextCursor', message: 'repeats a cursor already followed' },
    ]);
  }
  seen.add(cursor);
  return cursor;
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

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function unknownTrack(id: string): Track {
  return {
    id,
    title: '',
    version: null,
    isrc: null,
    durationMs: 0,
    explicit: false,
    artists: [],
    album: null,
    popularity: null,
    available: false,
    unavailableReason: 'not-in-country',
  };
}
