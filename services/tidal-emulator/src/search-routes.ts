import { Router } from 'express';
import { ApiError } from './api-error.js';
import { apiRoute, selfLink, sendDocument } from './api-route.js';
import { compound, type EmulatorContext } from './context.js';
import { decodeCursor } from './cursor.js';
import { pageLinks } from './documents.js';
import { includeTree } from './includes.js';
import { countryCodeParam, pathParam, singleParam } from './query.js';

interface SearchKey {
  query: string;
  countryCode: string | null;
  excludeExplicit: boolean;
}

const SEARCH_ID_PREFIX = 's1.';

/** The spec's maxLength of `filter[query]`. */
export const MAX_QUERY_LENGTH = 256;

/**
 * Search as TIDAL's spec (v1.10.96 and later) has it: `GET /searchResults?filter[query]=…` returns one
 * `searchResults` resource with an opaque id, whose `tracks` relationship pages on at
 * `/searchResults/{id}/relationships/tracks`. Older specs used the query itself as the id; an id that is
 * not one of the emulator's opaque ids is read that way.
 */
export function searchRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  apiRoute(router, ctx, 'get', '/searchResults', (req, res) => {
    const query = singleParam(req, 'filter[query]');
    if (query === undefined || query.trim() === '') {
      throw ApiError.badRequest('filter[query] is required', { parameter: 'filter[query]' });
    }
    const length = [...query].length;
    if (length > MAX_QUERY_LENGTH) {
      throw ApiError.badRequest(
        `filter[query] has ${length} characters; it may have at most ${MAX_QUERY_LENGTH}`,
        { parameter: 'filter[query]' },
      );
    }
    const key: SearchKey = {
      query,
      countryCode: countryCodeParam(req),
      excludeExplicit: excludeExplicit(req),
    };
    const include = includeTree(req, 'searchResults');
    const id = encodeSearchId(key);
    const page = tracksPage(ctx, key, 0, `/searchResults/${encodeURIComponent(id)}/relationships/tracks`);
    const document = compound(ctx, key.countryCode);
    const result = document.attach(
      { id, type: 'searchResults', attributes: { query, trackingId: id } },
      include,
      { tracks: { data: page.data, links: page.links } },
    );
    sendDocument(res, 200, { data: [result], links: { self: selfLink(req) }, ...document.spread(include) });
  });

  apiRoute(router, ctx, 'get', '/searchResults/{id}/relationships/tracks', (req, res) => {
    const fromId = decodeSearchId(pathParam(req, 'id'));
    const countryCode = countryCodeParam(req);
    const key: SearchKey = {
      query: fromId.query,
      countryCode: countryCode ?? fromId.countryCode,
      excludeExplicit: req.query.explicitFilter === undefined ? fromId.excludeExplicit : excludeExplicit(req),
    };
    const include = includeTree(req, 'searchResults');
    const offset = decodeCursor(singleParam(req, 'page[cursor]'));
    const page = tracksPage(ctx, key, offset, selfLink(req));
    const document = compound(ctx, key.countryCode);
    document.attach({ id: pathParam(req, 'id'), type: 'searchResults' }, include, {
      tracks: { data: page.data, links: page.links },
    });
    sendDocument(res, 200, { data: page.data, links: page.links, ...document.spread(include) });
  });

  return router;
}

function tracksPage(ctx: EmulatorContext, key: SearchKey, offset: number, self: string) {
  const ranked = ctx.catalog.search(key.query, key.countryCode, key.excludeExplicit);
  const ids = ranked.slice(offset, offset + ctx.pageSize);
  const nextOffset = offset + ctx.pageSize < ranked.length ? offset + ctx.pageSize : null;
  return { data: ids.map((id) => ({ id, type: 'tracks' })), links: pageLinks(self, nextOffset) };
}

function excludeExplicit(req: Parameters<typeof singleParam>[0]): boolean {
  const value = singleParam(req, 'explicitFilter') ?? 'INCLUDE';
  if (value !== 'INCLUDE' && value !== 'EXCLUDE') {
    throw ApiError.badRequest('explicitFilter must be INCLUDE or EXCLUDE', { parameter: 'explicitFilter' });
  }
  return value === 'EXCLUDE';
}

function encodeSearchId(key: SearchKey): string {
  return (
    SEARCH_ID_PREFIX +
    Buffer.from(JSON.stringify([key.query, key.countryCode, key.excludeExplicit])).toString('base64url')
  );
}

function decodeSearchId(id: string): SearchKey {
  if (id.startsWith(SEARCH_ID_PREFIX)) {
    try {
      const value: unknown = JSON.parse(
        Buffer.from(id.slice(SEARCH_ID_PREFIX.length), 'base64url').toString('utf8'),
      );
      if (
        Array.isArray(value) &&
        typeof value[0] === 'string' &&
        (typeof value[1] === 'string' || value[1] === null) &&
        typeof value[2] === 'boolean'
      ) {
        return { query: value[0], countryCode: value[1], excludeExplicit: value[2] };
      }
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return { query: id, countryCode: null, excludeExplicit: false };
}
