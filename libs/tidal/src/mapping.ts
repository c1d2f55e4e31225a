import type { Album, AlbumType, PlaylistMeta, Track } from '@tidal-remedy/contracts';
import type { z } from 'zod';
import type {
  AlbumResource,
  ArtistResource,
  IncludedResource,
  PlaylistResourceSchema,
  TrackResource,
} from './json-api.js';

/** Thrown by the mappers when a document refers to an included resource it does not include. */
export class MissingIncludedError extends Error {
  constructor(
    readonly path: string,
    readonly reference: string,
  ) {
    super(`${path} refers to ${reference}, which the document does not include`);
  }
}

export class IncludedIndex {
  private readonly artists = new Map<string, ArtistResource>();
  private readonly albums = new Map<string, AlbumResource>();

  constructor(included: readonly IncludedResource[] | undefined) {
    for (const resource of included ?? []) {
      if (resource.type === 'artists') this.artists.set(resource.id, resource);
      else if (resource.type === 'albums') this.albums.set(resource.id, resource);
    }
  }

  artist(id: string): ArtistResource | undefined {
    return this.artists.get(id);
  }

  album(id: string): AlbumResource | undefined {
    return this.albums.get(id);
  }
}

const ALBUM_TYPES: readonly AlbumType[] = ['ALBUM', 'EP', 'SINGLE'];

/**
 * A track resource (with its artists and album from `included`) as the domain's Track. Returned by TIDAL
 * for the country, it is available unless its `availability` lacks STREAM.
 */
export function toTrack(resource: TrackResource, included: IncludedIndex, path: string): Track {
  const { attributes } = resource;
  const artists = (resource.relationships?.artists?.data ?? []).map((ref, n) => {
    const artist = included.artist(ref.id);
    if (!artist)
      throw new MissingIncludedError(`${path}.relationships.artists.data[${n}]`, `artists ${ref.id}`);
    return { id: artist.id, name: artist.attributes.name };
  });
  const albumRef = resource.relationships?.albums?.data?.[0];
  let album: Album | null = null;
  if (albumRef) {
    const found = included.album(albumRef.id);
    if (!found)
      throw new MissingIncludedError(`${path}.relationships.albums.data[0]`, `albums ${albumRef.id}`);
    const type = found.attributes.albumType ?? found.attributes.type ?? null;
    album = {
      id: found.id,
      title: found.attributes.title,
      type: ALBUM_TYPES.includes(type as AlbumType) ? (type as AlbumType) : null,
      releaseDate: found.attributes.releaseDate ?? null,
    };
  }
  const streamable = attributes.availability == null || attributes.availability.includes('STREAM');
  return {
    id: resource.id,
    title: attributes.title,
    version: attributes.version?.trim() ? attributes.version : null,
    isrc: attributes.isrc?.trim() ? attributes.isrc : null,
    durationMs: attributes.duration,
    explicit: attributes.explicit,
    artists,
    album,
    popularity: attributes.popularity == null ? null : Math.min(1, Math.max(0, attributes.popularity)),
    available: streamable,
    unavailableReason: streamable ? null : 'no-streaming',
  };
}

/** A track TIDAL does not return for the requested country: unavailable there, whatever else it says. */
export function notInCountry(track: Track): Track {
  return { ...track, available: false, unavailableReason: 'not-in-country' };
}

export function toPlaylistMeta(resource: z.infer<typeof PlaylistResourceSchema>): PlaylistMeta {
  const { attributes } = resource;
  return {
    id: resource.id,
    name: attributes.name,
    description: attributes.description ?? null,
    lastModifiedAt: attributes.lastModifiedAt ?? null,
    // numberOfItems is optional in TIDAL's spec; 0 when absent (the item list is authoritative).
    numberOfItems: attributes.numberOfItems ?? 0,
    ownerId: resource.relationships?.owners?.data?.[0]?.id ?? null,
  };
}
