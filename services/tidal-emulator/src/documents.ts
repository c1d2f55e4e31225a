import type { Catalog } from './catalog.js';
import { encodeCursor } from './cursor.js';
import { formatDuration } from './duration.js';
import type { PlaylistItemState, PlaylistState } from './playlist-store.js';
import type { SeedTrack } from './seed-schema.js';

/**
 * Builders for the JSON:API documents the emulator serves, shaped after TIDAL's OpenAPI spec
 * (tidal-sdk-web packages/api/bin/tidal-api-oas.json, v1.10.104): resource objects with `attributes` and
 * `relationships` (each with `links.self`, and `data` when included), top-level `links.self`, and for
 * paged relationships `links.next` plus TIDAL's non-standard `links.meta.nextCursor`.
 */

export interface ResourceIdentifier {
  id: string;
  type: string;
}

export interface Resource extends ResourceIdentifier {
  attributes?: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

export interface Links {
  self: string;
  next?: string;
  meta?: { nextCursor: string };
}

/** The `included` array of a document: each resource once, in the order first met. */
export class Included {
  private readonly resources = new Map<string, Resource>();

  add(resource: Resource): void {
    const key = `${resource.type}:${resource.id}`;
    if (!this.resources.has(key)) this.resources.set(key, resource);
  }

  toJSON(): Resource[] {
    return [...this.resources.values()];
  }

  get size(): number {
    return this.resources.size;
  }
}

/** `links` of a page: `self`, and `next`/`meta.nextCursor` when another page follows. */
export function pageLinks(self: string, nextOffset: number | null): Links {
  if (nextOffset === null) return { self };
  const cursor = encodeCursor(nextOffset);
  const url = new URL(self, 'http://emulator.invalid');
  url.searchParams.delete('page[cursor]');
  const query = [...url.searchParams]
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .concat(`page[cursor]=${cursor}`)
    .join('&');
  return { self, next: `${url.pathname}?${query}`, meta: { nextCursor: cursor } };
}

export type TrackInclude = 'artists' | 'albums';

export class DocumentBuilder {
  constructor(private readonly catalog: Catalog) {}

  track(track: SeedTrack, include: ReadonlySet<TrackInclude>, included: Included): Resource {
    const attributes: Record<string, unknown> = {
      title: track.title,
      isrc: track.isrc,
      duration: formatDuration(track.durationSeconds),
      explicit: track.explicit,
      popularity: track.popularity,
      availability: track.availability,
      mediaTags: ['LOSSLESS'],
      key: 'UNKNOWN',
      keyScale: 'UNKNOWN',
      accessType: 'PUBLIC',
      spotlighted: false,
      externalLinks: [
        { href: `https://tidal.com/browse/track/${track.id}`, meta: { type: 'TIDAL_SHARING' } },
      ],
    };
    if (track.version !== null) attributes.version = track.version;
    const artists = track.artistIds.map((id) => ({ id, type: 'artists' }));
    const albums = [{ id: track.albumId, type: 'albums' }];
    if (include.has('artists')) {
      for (const id of track.artistIds) included.add(this.artist(id));
    }
    if (include.has('albums')) included.add(this.album(track.albumId));
    return {
      id: track.id,
      type: 'tracks',
      attributes,
      relationships: {
        artists: relationship(
          `/tracks/${track.id}/relationships/artists`,
          include.has('artists') ? artists : null,
        ),
        albums: relationship(
          `/tracks/${track.id}/relationships/albums`,
          include.has('albums') ? albums : null,
        ),
      },
    };
  }

  artist(id: string): Resource {
    const artist = this.catalog.artist(id);
    return {
      id,
      type: 'artists',
      attributes: {
        name: artist?.name ?? '',
        popularity: artist?.popularity ?? 0,
        spotlighted: false,
        externalLinks: [{ href: `https://tidal.com/browse/artist/${id}`, meta: { type: 'TIDAL_SHARING' } }],
      },
      relationships: { albums: relationship(`/artists/${id}/relationships/albums`, null) },
    };
  }

  album(id: string): Resource {
    const album = this.catalog.album(id);
    const stats = this.catalog.albumStats(id);
    return {
      id,
      type: 'albums',
      attributes: {
        title: album?.title ?? '',
        // TIDAL's spec lists ALBUM, EP and SINGLE; the emulator also passes the seed's COMPILATION through
        // (documented in the README) because the matcher prefers original releases over compilations.
        albumType: album?.type ?? 'ALBUM',
        barcodeId: album?.barcodeId ?? '',
        duration: formatDuration(stats.durationSeconds),
        explicit: stats.explicit,
        mediaTags: ['LOSSLESS'],
        numberOfItems: stats.numberOfItems,
        numberOfVolumes: stats.numberOfVolumes,
        popularity: stats.popularity,
        releaseDate: album?.releaseDate,
        accessType: 'PUBLIC',
        externalLinks: [{ href: `https://tidal.com/browse/album/${id}`, meta: { type: 'TIDAL_SHARING' } }],
      },
      relationships: {
        artists: relationship(`/albums/${id}/relationships/artists`, null),
        items: relationship(`/albums/${id}/relationships/items`, null),
      },
    };
  }

  user(id: string): Resource {
    const user = this.catalog.user(id);
    return {
      id,
      type: 'users',
      attributes: {
        username: user?.username ?? '',
        country: user?.countryCode ?? '',
        developerAccessTier: 'THIRD_PARTY',
      },
    };
  }

  playlist(playlist: PlaylistState, options: { ownersData: boolean; items?: PlaylistItemsPage }): Resource {
    const durationSeconds = playlist.items.reduce(
      (sum, item) => sum + (this.catalog.track(item.trackId)?.durationSeconds ?? 0),
      0,
    );
    const itemsRelationship = options.items
      ? { data: options.items.data, links: options.items.links }
      : relationship(`/playlists/${playlist.id}/relationships/items`, null);
    return {
      id: playlist.id,
      type: 'playlists',
      attributes: {
        name: playlist.name,
        description: playlist.description,
        bounded: true,
        duration: formatDuration(durationSeconds),
        createdAt: playlist.createdAt,
        lastModifiedAt: playlist.lastModifiedAt,
        accessType: playlist.accessType,
        numberOfItems: playlist.items.length,
        numberOfTrackItems: playlist.items.length,
        numberOfVideoItems: 0,
        numberOfFollowers: 0,
        playlistType: 'USER',
        externalLinks: [
          { href: `https://tidal.com/browse/playlist/${playlist.id}`, meta: { type: 'TIDAL_SHARING' } },
        ],
      },
      relationships: {
        items: itemsRelationship,
        owners: relationship(
          `/playlists/${playlist.id}/relationships/owners`,
          options.ownersData ? [{ id: playlist.ownerId, type: 'users' }] : null,
        ),
        coverArt: relationship(`/playlists/${playlist.id}/relationships/coverArt`, null),
      },
    };
  }

  /** One page of a playlist's items relationship, as resource identifiers carrying `meta.itemId`. */
  playlistItemsPage(
    playlist: PlaylistState,
    offset: number,
    pageSize: number,
    self: string,
  ): PlaylistItemsPage {
    const page = playlist.items.slice(offset, offset + pageSize);
    const nextOffset = offset + pageSize < playlist.items.length ? offset + pageSize : null;
    return {
      items: page,
      data: page.map((item) => ({
        id: item.trackId,
        type: 'tracks',
        meta: { itemId: item.itemId, addedAt: item.addedAt },
      })),
      links: pageLinks(self, nextOffset),
    };
  }
}

export interface PlaylistItemsPage {
  items: PlaylistItemState[];
  data: (ResourceIdentifier & { meta: { itemId: string; addedAt: string } })[];
  links: Links;
}

function relationship(self: string, data: ResourceIdentifier[] | null): Record<string, unknown> {
  return data === null ? { links: { self } } : { data, links: { self } };
}
