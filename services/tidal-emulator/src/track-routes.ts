import { Router } from 'express';
import { ApiError } from './api-error.js';
import { apiRoute, selfLink, sendDocument } from './api-route.js';
import { compound, type EmulatorContext } from './context.js';
import { decodeCursor } from './cursor.js';
import { pageLinks } from './documents.js';
import { includeTree } from './includes.js';
import { countryCodeParam, listParam, singleParam } from './query.js';
import type { SeedTrack } from './seed-schema.js';

/**
 * `GET /tracks` with `filter[id]` (up to maxFilterValues ids, no paging) or `filter[isrc]`: one ISRC pages
 * through every release of that recording; several ISRCs give one track each, without paging, as TIDAL's
 * spec describes. Tracks not returned in `countryCode` are left out.
 */
export function trackRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  apiRoute(router, ctx, 'get', '/tracks', (req, res) => {
    const countryCode = countryCodeParam(req);
    const include = includeTree(req, 'tracks');
    const ids = listParam(req, 'filter[id]');
    const isrcs = listParam(req, 'filter[isrc]');
    for (const name of Object.keys(req.query)) {
      if (name.startsWith('filter[') && name !== 'filter[id]' && name !== 'filter[isrc]') {
        throw ApiError.badRequest(
          `The emulator does not support ${name}; it filters by filter[id] or filter[isrc]`,
          {
            parameter: name,
          },
        );
      }
    }
    if (ids.length > 0 === isrcs.length > 0) {
      throw ApiError.badRequest('Give exactly one of filter[id] or filter[isrc]', {
        parameter: ids.length > 0 ? 'filter[isrc]' : 'filter[id]',
      });
    }
    const parameter = ids.length > 0 ? 'filter[id]' : 'filter[isrc]';
    const values = [...new Set(ids.length > 0 ? ids : isrcs)];
    if (values.length > ctx.maxFilterValues) {
      throw ApiError.badRequest(`${parameter} accepts at most ${ctx.maxFilterValues} values`, { parameter });
    }
    const returned = (track: SeedTrack | undefined): track is SeedTrack =>
      track !== undefined && ctx.catalog.isReturnedIn(track, countryCode);

    let tracks: SeedTrack[];
    let nextOffset: number | null = null;
    if (ids.length > 0) {
      tracks = values.map((id) => ctx.catalog.track(id)).filter(returned);
    } else if (values.length === 1) {
      const all = ctx.catalog.tracksWithIsrc(values[0]!).filter(returned);
      const offset = decodeCursor(singleParam(req, 'page[cursor]'));
      tracks = all.slice(offset, offset + ctx.pageSize);
      if (offset + ctx.pageSize < all.length) nextOffset = offset + ctx.pageSize;
    } else {
      tracks = values
        .map((isrc) => preferred(ctx.catalog.tracksWithIsrc(isrc).filter(returned)))
        .filter((track): track is SeedTrack => track !== undefined);
    }
    const document = compound(ctx, countryCode);
    sendDocument(res, 200, {
      data: tracks.map((track) => document.attach(ctx.documents.track(track), include)),
      links: pageLinks(selfLink(req), nextOffset),
      ...document.spread(include),
    });
  });

  return router;
}

/** The one track TIDAL gives for an ISRC among several: streamable first, then most popular. */
function preferred(tracks: SeedTrack[]): SeedTrack | undefined {
  return [...tracks].sort(
    (a, b) =>
      Number(b.availability.includes('STREAM')) - Number(a.availability.includes('STREAM')) ||
      b.popularity - a.popularity,
  )[0];
}
