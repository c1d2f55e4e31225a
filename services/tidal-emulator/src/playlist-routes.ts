import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { apiRoute, idempotent, parseBody, requireJsonBody, selfLink, sendDocument } from './api-route.js';
import type { EmulatorContext } from './context.js';
import { decodeCursor } from './cursor.js';
import { Included, pageLinks } from './documents.js';
import type { PlaylistState } from './playlist-store.js';
import { randomUuid } from './prng.js';
import { countryCodeParam, includeParam, listParam, pathParam, singleParam } from './query.js';
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
   * `GET /playlists?filter[owners.id]=me|<userId>`: a user's playlists, newest change first by default
   * (`sort=-lastModifiedAt`), cursor-paged. Another user's are listed only when PUBLIC.
   */
  apiRoute(router, ctx, 'get', '/playlists', (req, res, principal) => {
    countryCodeParam(req);
    const owners = listParam(req, 'filter[owners.id]');
    if (owners.length !== 1) {
      throw ApiError.badRequest('Give one filter[owners.id] (a user id, or me)', {
        parameter: 'filter[owners.id]',
      });
    }
    const ownerId = owners[0] === 'me' ? requireUser(principal) : owners[0]!;
    const sort = singleParam(req, 'sort') ?? '-lastModifiedAt';
    const sorters: Record<string, (a: PlaylistState, b: PlaylistState) => number> = {
      lastModifiedAt: (a, b) => a.lastModifiedAt.localeCompare(b.lastModifiedAt),
      '-lastModifiedAt': (a, b) => b.lastModifiedAt.localeCompare(a.lastModifiedAt),
      createdAt: (a, b) => a.createdAt.localeCompare(b.createdAt),
      '-createdAt': (a, b) => b.createdAt.localeCompare(a.createdAt),
      name: (a, b) => a.name.localeCompare(b.name),
      '-name': (a, b) => b.name.localeCompare(a.name),
    };
    const sorter = sorters[sort];
    if (!sorter) {
      throw ApiError.badRequest(`Invalid sort '${sort}'; use one of ${Object.keys(sorters).join(', ')}`, {
        parameter: 'sort',
      });
    }
    const offset = decodeCursor(singleParam(req, 'page[cursor]'));
    const visible = ctx.playlists
      .snapshot()
      .filter((playlist) => playlist.ownerId === ownerId)
      .filter((playlist) => ownerId === principal.userId || playlist.accessType === 'PUBLIC')
      .sort(sorter);
    const page = visible.slice(offset, offset + ctx.pageSize);
    const nextOffset = offset + ctx.pageSize < visible.length ? offset + ctx.pageSize : null;
    sendDocument(res, 200, {
      data: page.map((playlist) => ctx.documents.playlist(playlist, { ownersData: false })),
      links: pageLinks(selfLink(req), nextOffset),
    });
  });

  apiRoute(router, ctx, 'get', '/playlists/{id}', (req, res) => {
    const countryCode = countryCodeParam(req);
    const include = includeParam(req, ['items', 'owners'] as const);
    const playlist = findPlaylist(ctx, pathParam(req, 'id'));
    const included = new Included();
    let items: ReturnType<typeof ctx.documents.playlistItemsPage> | undefined;
    if (include.has('items')) {
      items = ctx.documents.playlistItemsPage(
        playlist,
        0,
        ctx.pageSize,
        `/playlists/${playlist.id}/relationships/items${countryCode ? `?countryCode=${countryCode}` : ''}`,
      );
      includeTracks(
        ctx,
        items.items.map((item) => item.trackId),
        countryCode,
        included,
      );
    }
    if (include.has('owners')) included.add(ctx.documents.user(playlist.ownerId));
    sendDocument(res, 200, {
      data: ctx.documents.playlist(playlist, {
        ownersData: include.has('owners'),
        ...(items ? { items } : {}),
      }),
      links: { self: selfLink(req) },
      ...(included.size > 0 ? { included } : {}),
    });
  });

  apiRoute(router, ctx, 'get', '/playlists/{id}/relationships/items', (req, res) => {
    const countryCode = countryCodeParam(req);
    const include = includeParam(req, ['items'] as const);
    const offset = decodeCursor(singleParam(req, 'page[cursor]'));
    const playlist = findPlaylist(ctx, pathParam(req, 'id'));
    const page = ctx.documents.playlistItemsPage(playlist, offset, ctx.pageSize, selfLink(req));
    const included = new Included();
    if (include.has('items'))
      includeTracks(
        ctx,
        page.items.map((item) => item.trackId),
        countryCode,
        included,
      );
    sendDocument(res, 200, {
      data: page.data,
      links: page.links,
      ...(include.has('items') ? { included } : {}),
    });
  });

  apiRoute(router, ctx, 'post', '/playlists', async (req, res, principal) => {
    requireJsonBody(req);
    const userId = requireUser(principal);
    const body = parseBody(CreatePlaylistBody, req.body);
    await idempotent(ctx, req, res, principal, () => {
      const { name, description = '', accessType = 'UNLISTED' } = body.data.attributes;
      const playlist = ctx.playlists.create(
        { ownerId: userId, name, description, accessType },
        randomUuid(ctx.ids),
      );
      return {
        status: 201,
        body: {
          data: ctx.documents.playlist(playlist, { ownersData: false }),
          links: { self: `/playlists/${playlist.id}` },
        },
      };
    });
  });

  apiRoute(router, ctx, 'post', '/playlists/{id}/relationships/items', async (req, res, principal) => {
    requireJsonBody(req);
    const playlist = ownPlaylist(ctx, pathParam(req, 'id'), principal);
    const body = parseBody(AddItemsBody, req.body);
    await idempotent(ctx, req, res, principal, () => {
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
      return {
        status: 200,
        body: {
          data: added.map((item) => ({
            id: item.trackId,
            type: 'tracks',
            meta: { itemId: item.itemId, addedAt: item.addedAt },
          })),
          links: { self: `/playlists/${playlist.id}/relationships/items` },
          meta: { skipped },
        },
      };
    });
  });

  apiRoute(router, ctx, 'delete', '/playlists/{id}/relationships/items', async (req, res, principal) => {
    requireJsonBody(req);
    const playlist = ownPlaylist(ctx, pathParam(req, 'id'), principal);
    const body = parseBody(RemoveItemsBody, req.body);
    await idempotent(ctx, req, res, principal, () => {
      ctx.playlists.removeItems(
        playlist,
        body.data.map((item) => ({ itemId: item.meta.itemId, trackId: item.id })),
      );
      return { status: 200, body: { links: { self: `/playlists/${playlist.id}/relationships/items` } } };
    });
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

function includeTracks(
  ctx: EmulatorContext,
  trackIds: string[],
  countryCode: string | null,
  included: Included,
): void {
  for (const id of trackIds) {
    const track = ctx.catalog.track(id);
    if (track && ctx.catalog.isReturnedIn(track, countryCode)) {
      included.add(ctx.documents.track(track, new Set(), included));
    }
  }
}
