import type { z } from 'zod';
import {
  IdempotentRequestInProgressError,
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
import type { HttpTransport } from './http-transport.js';
import { ErrorDocumentSchema, type Links } from './json-api.js';
import { MissingIncludedError } from './mapping.js';
import type { TokenProvider } from './token-provider.js';
import { formatPath } from './zod-path.js';

/** TIDAL's JSON:API media type, sent as Accept and as Content-Type of writes. */
export const JSON_API = 'application/vnd.api+json';

/** A structured logger (a pino logger fits). The client logs no token, header or body. */
export interface TidalLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Which token a request carries: `user` for the user's playlists and every write, `catalog` for catalog
 * reads (tracks, ISRCs, search), which TIDAL's spec opens to client-credentials tokens and, of user tokens,
 * only to those with its internal scope `r_usr`.
 */
export type TokenKind = 'user' | 'catalog';

export interface ApiRequest<S extends z.ZodType | null> {
  method: 'GET' | 'POST' | 'DELETE';
  /** The endpoint template as in TIDAL's spec: `/playlists/{id}/relationships/items`. */
  template: string;
  params?: Record<string, string>;
  /** In order; an array parameter repeats its name (the spec's form style, exploded). */
  query?: [string, string][];
  body?: unknown;
  idempotencyKey?: string;
  token: TokenKind;
  schema: S;
  signal?: AbortSignal | undefined;
}

export interface EngineOptions {
  apiUrl: string;
  transport: HttpTransport;
  userTokens: TokenProvider;
  /** A client-credentials token for catalog reads; null: the user token reads the catalog too. */
  catalogTokens: TokenProvider | null;
  /** How long to keep retrying a write TIDAL says is still in progress (409) before giving up. */
  inProgressWaitMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger: TidalLogger | undefined;
}

/**
 * The JSON:API request engine under the client's endpoints: builds the URL, sends with the right token
 * (renewed once on a 401), waits out a write TIDAL reports in progress (409 IDEMPOTENT_REQUEST_IN_PROGRESS),
 * maps error statuses to the client's error types, validates answers with zod, and follows cursor pages.
 */
export class JsonApiEngine {
  constructor(private readonly options: EngineOptions) {}

  async request<S extends z.ZodType | null>(
    spec: ApiRequest<S>,
  ): Promise<S extends z.ZodType ? z.output<S> : undefined> {
    const endpoint = `${spec.method} ${spec.template}`;
    const path = spec.template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(spec.params?.[name] ?? ''),
    );
    const query = (spec.query ?? []).map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    const url = `${this.options.apiUrl}${path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { Accept: JSON_API };
    if (spec.body !== undefined) headers['Content-Type'] = JSON_API;
    if (spec.idempotencyKey !== undefined) headers['Idempotency-Key'] = spec.idempotencyKey;
    const tokens = this.tokensFor(spec.token);
    const send = async (token: string) =>
      this.options.transport.send({
        method: spec.method,
        url,
        endpoint,
        headers: { ...headers, Authorization: `Bearer ${token}` },
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        idempotent: spec.method === 'GET' || spec.idempotencyKey !== undefined,
        ...(spec.signal ? { signal: spec.signal } : {}),
      });
    const sendAuthorized = async () => {
      const token = await tokens.accessToken();
      const response = await send(token);
      if (response.status !== 401) return response;
      this.options.logger?.info({ endpoint }, 'TIDAL refused the access token; renewing it once');
      return send(await tokens.accessToken(token));
    };

    let response = await sendAuthorized();
    let waitedMs = 0;
    for (let attempt = 0; response.status === 409 && spec.idempotencyKey !== undefined; attempt++) {
      // The first attempt (one that timed out, or failed with a 5xx) is still being processed: its answer
      // will be replayed under the same key once it completes.
      if (this.errorObjects(response.text)[0]?.code !== 'IDEMPOTENT_REQUEST_IN_PROGRESS') break;
      if (waitedMs >= this.options.inProgressWaitMs)
        throw new IdempotentRequestInProgressError(endpoint, waitedMs);
      const delay = Math.min(2_000, 100 * 2 ** attempt, this.options.inProgressWaitMs - waitedMs);
      this.options.logger?.info(
        { endpoint, delayMs: delay },
        'TIDAL is still processing this write; waiting',
      );
      await this.options.sleep(delay, spec.signal);
      waitedMs += delay;
      response = await sendAuthorized();
    }
    if (response.status >= 400) {
      throw this.toError(endpoint, response.status, response.text, response.retryAfterMs, spec.token);
    }
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

  /** Follows a cursor-paged endpoint to its end; `fetchPage` returns the page's links. */
  async eachPage(
    fetchPage: (cursor: string | null) => Promise<{ endpoint: string; links: Links | undefined }>,
    startCursor: string | null = null,
  ): Promise<void> {
    const seen = new Set<string>(startCursor === null ? [] : [startCursor]);
    let cursor: string | null = startCursor;
    do {
      const { endpoint, links } = await fetchPage(cursor);
      cursor = nextCursor(links, endpoint, seen);
    } while (cursor !== null);
  }

  /** Secrets that must never appear in a message: those of every token this engine holds. */
  secrets(): (string | null)[] {
    return [...this.options.userTokens.secrets(), ...(this.options.catalogTokens?.secrets() ?? [])];
  }

  private tokensFor(kind: TokenKind): TokenProvider {
    return (kind === 'catalog' ? this.options.catalogTokens : null) ?? this.options.userTokens;
  }

  private toError(
    endpoint: string,
    status: number,
    text: string,
    retryAfterMs: number | null,
    token: TokenKind,
  ): Error {
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
          token === 'catalog' && this.options.catalogTokens === null
            ? 'TIDAL opens its catalog to client-credentials tokens (and to user tokens only with its internal scope r_usr): add the app’s client_secret to the credentials.'
            : 'The token may not do this: writes need a user token (refresh_token) owning the playlist.',
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
    const secrets = this.secrets();
    return parsed.data.errors.map((error) => ({
      ...error,
      ...(error.detail === undefined ? {} : { detail: redactSecrets(error.detail, secrets) }),
    }));
  }
}

/** Maps a document with `map`; a reference to a resource it does not include is TIDAL's fault, named. */
export function mapDocument<T>(endpoint: string, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof MissingIncludedError) {
      throw new TidalResponseError(endpoint, [{ path: error.path, message: error.message }]);
    }
    throw error;
  }
}

/** The next page's cursor: TIDAL's `links.meta.nextCursor`, else the `page[cursor]` of `links.next`. */
export function nextCursor(links: Links | undefined, endpoint: string, seen: Set<string>): string | null {
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
