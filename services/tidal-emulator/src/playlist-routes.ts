import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { apiRoute, parseBody, selfLink, sendDocument } from './api-route.js';
import { compound, type EmulatorContext } from './context.js';
import { decodeCursor } from './cursor.js';
import { type CompoundDocument, pageLinks, type Relationship } from './documents.js';
import { type IncludeTree, includeTree } from './includes.js';
import type { PlaylistState } from './playlist-store.js';
import { randomUuid } from './prng.js';
import { countryCodeParam, listParam, pathParam, singleParam } from './query.js';
import type { Principal } from './token-issuer.js';

const MAX_ITEMS_PER_WRITE = 50;

const CreatePlaylistBody = z.object({
  data: z.object({
    type: z.literal('playlists'),
    attributes: z.object({
      name: z.string().min(1),
      description: z.string().optional(),
      accessType: z.enum(['PUBLIC', 'UNLISTED']).optional(),
      createdAt: z.string().optional(),
    }),
  }),
});

const AddItemsBody = z.object({
  data: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.literal('tracks'),
        meta: z.object({ addedAt: z.string().optional() }).optional(),
      }),
    )
    .min(1)
    .max(MAX_ITEMS_PER_WRITE),
  meta: z.object({ positionBefore: z.string().min(1) }).optional(),
});

const RemoveItemsBody = z.object({
  data: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.literal('tracks'),
        meta: z.object({ itemId: z.string().min(1) }),
      }),
    )
    .min(1)
    .max(MAX_ITEMS_PER_WRITE),
});

/** `/playlists`, `/playlists/{id}` and `/playlists/{id}/relationships/items`. */
export function playlistRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  /**
   * `GET /playlists?filter[owners.id]=me|<userId>`: a user's playlists, by `sort` (the spec's default
   * `-createdAt`: newest first), cursor-paged, narrowed to `filter[id]` when given. Another user's are listed
   * only when PUBLIC.
   */
  apiRoute(router, ctx, 'get', '/playlists', (req, res, principal) => {
    const countryCode = countryCodeParam(req);
    const include = includeTree(req, 'playlists');
    const owners = listParam(req, 'filter[owners.id]');
    if (owners.length !== 1) {
      throw ApiError.badRequest('Give one filter[owners.id] (a user id, or me)', {
        parameter: 'filter[owners.id]',
      });
    }
    const ownerId = owners[0] === 'me' ? requireUser(principal) : owners[0]!;
    const ids = new Set(listParam(req, 'filter[id]'));
    const sort = singleParam(req, 'sort') ?? '-createdAt';
    const sorter = SORTERS[sort];
    if (!sorter) {
      throw ApiError.badRequest(`Invalid sort '${sort}'; use one of ${Object.keys(SORTERS).join(', ')}`, {
        parameter: 'sort',
      });
    }
    const offset = decodeCursor(singleParam(req, 'page[cursor]'));
    const visible = ctx.playlists
      .snapshot()
      .filter((playlist) => playlist.ownerId === ownerId)
      .filter((playlist) => ids.size === 0 || ids.has(playlist.id))
      .filter((playlist) => ownerId === principal.userId || playlist.accessType === 'PUBLIC')
      // TIDAL does not say how it orders equal values; the emulator orders them by id, never by creation,
      // so that nothing can come to rely on an order TIDAL does not promise.
      .sort((a, b) => sorter(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = visible.slice(offset, offset + ctx.pageSize);
    const nextOffset = offset + ctx.pageSize < visible.length ? offset + ctx.pageSize : null;
    const document = compound(ctx, countryCode);
    sendDocument(res, 200, {
      data: page.map((playlist) => playlistResource(ctx, document, playlist, include, countryCode)),
      links: pageLinks(selfLink(req), nextOffset),
      ...document.spread(include),
    });
  });

  apiRoute(router, ctx, 'get', '/playlists/{id}', (req, res) => {
    const countryCode = countryCodeParam(req);
    const include = includeTree(req, 'playlists');
    const playlist = findPlaylist(ctx, pathParam(req, 'id'));
    const document = compound(ctx, countryCode);
    sendDocument(res, 200, {
      data: playlistResource(ctx, document, playlist, include, countryCode),
      links: { self: selfLink(req) },
      ...document.spread(include),
    });
  });

  /** `DELETE /playlists/{id}`: the owner deletes the playlist; the spec's 200 `Mutation_Response_Document`. */
  apiRoute(
    router,
    ctx,
    'delete',
    '/playlists/{id}',
    (req, res, principal) => {
      const playlist = ownPlaylist(ctx, pathParam(req, 'id'), principal);
      ctx.playlists.delete(playlist.id);
      sendDocument(res, 200, { links: { self: `/playlists/${playlist.id}` } });
    },
    { body: false },
  );

  /** One page of the items; `include` is relative to the playlist (`items`, `items.albums`, …). */
  apiRoute(router, ctx, 'get', '/playlists/{id}/relationships/items', (req, res) => {
    const countryCode = countryCodeParam(req);
    const include = includeTree(req, 'playlists');
    const offset = decodeCursor(singleParam(req, 'page[cursor]'));
    const playlist = findPlaylist(ctx, pathParam(req, 'id'));
    const page = ctx.documents.playlistItemsPage(playlist, offset, ctx.pageSize, selfLink(req));
    const document = compound(ctx, countryCode);
    document.attach(ctx.documents.playlist(playlist), include, {
      items: { data: page.data, links: page.links },
    });
    sendDocument(res, 200, { data: page.data, links: page.links, ...document.spread(include) });
  });

  apiRoute(router, ctx, 'post', '/playlists', (req, res, principal) => {
    const userId = requireUser(principal);
    const body = parseBody(CreatePlaylistBody, req.body);
    const { name, description = '', accessType = 'UNLISTED' } = body.data.attributes;
    const playlist = ctx.playlists.create(
      { ownerId: userId, name, description, accessType },
      randomUuid(ctx.ids),
    );
    sendDocument(res, 201, {
      data: ctx.documents.playlist(playlist),
      links: { self: `/playlists/${playlist.id}` },
    });
  });

  apiRoute(router, ctx, 'post', '/playlists/{id}/relationships/items', (req, res, principal) => {
    const playlist = ownPlaylist(ctx, pathParam(req, 'id'), principal);
    const body = parseBody(AddItemsBody, req.body);
    const known = body.data.filter((item) => ctx.catalog.track(item.id) !== undefined);
    const skipped = body.data
      .filter((item) => ctx.catalog.track(item.id) === undefined)
      .map((item) => ({ id: item.id, type: item.type, reason: 'NOT_FOUND' }));
    const added =
      known.length === 0
        ? []
        : ctx.playlists.addItems(
            playlist,
            known.map((item) => item.id),
            body.meta?.positionBefore,
          );
    sendDocument(res, 200, {
      data: added.map((item) => ({
        id: item.trackId,
        type: 'tracks',
        meta: { itemId: item.itemId, addedAt: item.addedAt },
      })),
      links: { self: `/playlists/${playlist.id}/relationships/items` },
      meta: { skipped },
    });
  });

  apiRoute(router, ctx, 'delete', '/playlists/{id}/relationships/items', (req, res, principal) => {
    const playlist = ownPlaylist(ctx, pathParam(req, 'id'), principal);
    const body = parseBody(RemoveItemsBody, req.body);
    ctx.playlists.removeItems(
      playlist,
      body.data.map((item) => ({ itemId: item.meta.itemId, trackId: item.id })),
    );
    sendDocument(res, 200, { links: { self: `/playlists/${playlist.id}/relationships/items` } });
  });

  return router;
}

function findPlaylist(ctx: EmulatorContext, id: string): PlaylistState {
  const playlist = ctx.playlists.get(id);
  if (!playlist) throw ApiError.notFound(`Playlist ${id} not found`);
  return playlist;
}

function requireUser(principal: Principal): string {
  if (principal.userId === null) {
    throw ApiError.forbidden('This operation needs a user token with the playlists.write scope');
  }
  return principal.userId;
}

function ownPlaylist(ctx: EmulatorContext, id: string, principal: Principal): PlaylistState {
  const userId = requireUser(principal);
  const playlist = findPlaylist(ctx, id);
  if (playlist.ownerId !== userId)
    throw ApiError.forbidden(`Playlist ${playlist.id} belongs to another user`);
  return playlist;
}

/**
 * A playlist resource with the relationships `include` asks for; its `items` relationship holds the first
 * page of items and the links to the next (TIDAL's paged relationships).
 */
function playlistResource(
  ctx: EmulatorContext,
  document: CompoundDocument,
  playlist: PlaylistState,
  include: IncludeTree,
  countryCode: string | null,
) {
  const paged: Record<string, Relationship> = {};
  if (include.edges.has('items')) {
    const self = `/playlists/${playlist.id}/relationships/items${countryCode ? `?countryCode=${countryCode}` : ''}`;
    const page = ctx.documents.playlistItemsPage(playlist, 0, ctx.pageSize, self);
    paged.items = { data: page.data, links: page.links };
  }
  return document.attach(ctx.documents.playlist(playlist), include, paged);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The spec's sort values of `GET /playlists` (default `-createdAt`). */
const SORTERS: Record<string, (a: PlaylistState, b: PlaylistState) => number> = {
  createdAt: (a, b) => byText(a.createdAt, b.createdAt),
  '-createdAt': (a, b) => byText(b.createdAt, a.createdAt),
  lastModifiedAt: (a, b) => byText(a.lastModifiedAt, b.lastModifiedAt),
  '-lastModifiedAt': (a, b) => byText(b.lastModifiedAt, a.lastModifiedAt),
  name: (a, b) => a.name.localeCompare(b.name),
  '-name': (a, b) => b.name.localeCompare(a.name),
};
