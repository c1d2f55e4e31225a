import { ARTWORK_SIZES, artworkPath } from './artwork-images.js';
import type { Catalog } from './catalog.js';
import { encodeCursor } from './cursor.js';
import { formatDuration } from './duration.js';
import { edgesFor, type IncludeTree } from './includes.js';
import type { PlaylistItemState, PlaylistState } from './playlist-store.js';
import type { SeedTrack } from './seed-schema.js';

/**
 * Builders for the JSON:API documents the emulator serves, shaped after TIDAL's OpenAPI spec
 * (tidal-sdk-web packages/api/bin/tidal-api-oas.json, v1.10.104): resource objects with `attributes`, and
 * `relationships` holding exactly the relationships named in `include` (each with `data` and `links.self`;
 * "a relationship that was not requested is absent from the response, not empty"), top-level
 * `links.self`, and for paged relationships `links.next` plus TIDAL's non-standard `links.meta.nextCursor`.
 */

export interface ResourceIdentifier {
  id: string;
  type: string;
}

export interface Resource extends ResourceIdentifier {
  attributes?: Record<string, unknown>;
  relationships?: Record<string, Relationship>;
}

export interface Relationship {
  data: ResourceIdentifier[] | ResourceIdentifier | null;
  links: Links;
}

export interface Links {
  self: string;
  next?: string;
  meta?: { nextCursor: string };
}

/** The `included` array of a document: each resource once, in the order first met. */
export class Included {
  private readonly resources = new Map<string, Resource>();

  /** Adds a resource; met again (by another include path), its relationships are merged in. */
  add(resource: Resource): void {
    const key = `${resource.type}:${resource.id}`;
    const known = this.resources.get(key);
    if (!known) this.resources.set(key, resource);
    else if (resource.relationships) {
      known.relationships = { ...known.relationships, ...resource.relationships };
    }
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

/** One page of a playlist's items: the seeded items, their identifiers (with `meta.itemId`) and links. */
export interface PlaylistItemsPage {
  items: PlaylistItemState[];
  data: (ResourceIdentifier & { meta: { itemId: string; addedAt: string } })[];
  links: Links;
}

export interface DocumentOptions {
  /** Whether track resources carry the deprecated `availability` attribute (TIDAL may drop it). */
  sendAvailability: boolean;
  /** The origin artwork files are served from (the emulator's own, known once it listens). */
  imageOrigin: () => string;
}

/** Resource objects (attributes only) of the catalog, the playlists and the users. */
export class DocumentBuilder {
  constructor(
    private readonly catalog: Catalog,
    private readonly options: DocumentOptions,
  ) {}

  track(track: SeedTrack): Resource {
    const attributes: Record<string, unknown> = {
      title: track.title,
      isrc: track.isrc,
      duration: formatDuration(track.durationSeconds),
      explicit: track.explicit,
      popularity: track.popularity,
      ...(this.options.sendAvailability ? { availability: track.availability } : {}),
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
    return { id: track.id, type: 'tracks', attributes };
  }

  /** A track's usage rules in a country: what a subscription may do with it there (its seeded availability). */
  usageRules(track: SeedTrack, countryCode: string): Resource {
    return {
      id: track.id,
      type: 'usageRules',
      attributes: { countryCode, subscription: track.availability },
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
    };
  }

  /** An album's cover artwork (its id is the album's): square PNG files at TIDAL's sizes. */
  artwork(albumId: string): Resource {
    const origin = this.options.imageOrigin();
    return {
      id: albumId,
      type: 'artworks',
      attributes: {
        mediaType: 'IMAGE',
        files: ARTWORK_SIZES.map((size) => ({
          href: `${origin}${artworkPath(albumId, size)}`,
          meta: { width: size, height: size },
        })),
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

  playlist(playlist: PlaylistState): Resource {
    const durationSeconds = playlist.items.reduce(
      (sum, item) => sum + (this.catalog.track(item.trackId)?.durationSeconds ?? 0),
      0,
    );
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

/** The playlist store and catalog a compound document reads related resources from. */
export interface CompoundSources {
  catalog: Catalog;
  documents: DocumentBuilder;
  playlist(id: string): PlaylistState | undefined;
}

/**
 * A compound document being built: resources get the relationships their include tree asks for, and the
 * related resources (with theirs) go to `included`. Tracks TIDAL does not return in the country (or whose
 * details it hides) are named by identifier but never included.
 */
export class CompoundDocument {
  readonly included = new Included();

  constructor(
    private readonly sources: CompoundSources,
    private readonly countryCode: string | null,
  ) {}

  /**
   * Sets on `resource` the relationships `tree` asks of it and includes what they hold. `paged` gives the
   * data of a paged relationship (a playlist's items, a search's tracks: its first page and links).
   */
  attach(resource: Resource, tree: IncludeTree, paged: Record<string, Relationship> = {}): Resource {
    const edges = edgesFor(tree, resource.type);
    if (edges.length === 0) return resource;
    const relationships: Record<string, Relationship> = {};
    for (const [name, subtree] of edges) {
      const relationship = paged[name] ?? this.relationship(resource, name);
      relationships[name] = relationship;
      const data = relationship.data;
      this.include(data === null ? [] : Array.isArray(data) ? data : [data], subtree);
    }
    return { ...resource, relationships };
  }

  /** Adds the resources `identifiers` name to `included`, each with the relationships `tree` asks of it. */
  include(identifiers: readonly ResourceIdentifier[], tree: IncludeTree): void {
    for (const identifier of identifiers) {
      const resource = this.resource(identifier);
      if (resource) this.included.add(this.attach(resource, tree));
    }
  }

  /** The included resources when any were asked for: `{ included }` to spread into a document. */
  spread(tree: IncludeTree): { included?: Included } {
    return tree.edges.size > 0 ? { included: this.included } : {};
  }

  private resource({ id, type }: ResourceIdentifier): Resource | null {
    const { catalog, documents } = this.sources;
    switch (type) {
      case 'tracks': {
        const track = catalog.track(id);
        return track && catalog.isReturnedIn(track, this.countryCode) ? documents.track(track) : null;
      }
      case 'albums':
        return catalog.album(id) ? documents.album(id) : null;
      case 'artworks':
        return catalog.album(id) ? documents.artwork(id) : null;
      case 'artists':
        return catalog.artist(id) ? documents.artist(id) : null;
      case 'users':
        return catalog.user(id) ? documents.user(id) : null;
      case 'usageRules': {
        const track = catalog.track(id);
        return track && this.countryCode ? documents.usageRules(track, this.countryCode) : null;
      }
      default:
        return null;
    }
  }

  private relationship(resource: Resource, name: string): Relationship {
    const { catalog } = this.sources;
    const self = `/${resource.type}/${resource.id}/relationships/${name}`;
    const many = (type: string, ids: readonly string[]) => ({
      data: ids.map((id) => ({ id, type })),
      links: { self },
    });
    switch (`${resource.type}.${name}`) {
      case 'tracks.artists':
        return many('artists', catalog.track(resource.id)?.artistIds ?? []);
      case 'tracks.albums':
        return many('albums', [catalog.track(resource.id)?.albumId ?? ''].filter(Boolean));
      case 'tracks.usageRules':
        // Usage rules hold for a country; a request without one names none.
        return { data: this.countryCode ? { id: resource.id, type: 'usageRules' } : null, links: { self } };
      case 'albums.artists':
        return many('artists', catalog.album(resource.id)?.artistIds ?? []);
      case 'albums.coverArt':
        return many('artworks', catalog.album(resource.id) ? [resource.id] : []);
      case 'playlists.owners':
        return many('users', [this.sources.playlist(resource.id)?.ownerId ?? ''].filter(Boolean));
      default:
        throw new Error(`The emulator cannot relate ${resource.type}.${name} without its page`);
    }
  }
}
