import type { Album, AlbumType, Artist, Cover, PlaylistMeta, Track } from '@tidal-remedy/contracts';
import type { z } from 'zod';
import type {
  AlbumResource,
  ArtistResource,
  ArtworkResource,
  IncludedResource,
  PlaylistResourceSchema,
  TrackResource,
  UsageRulesResource,
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

/** A document's `included` resources by type and id. */
export class IncludedIndex {
  private readonly artists = new Map<string, ArtistResource>();
  private readonly albums = new Map<string, AlbumResource>();
  private readonly usageRules = new Map<string, UsageRulesResource>();
  private readonly artworks = new Map<string, ArtworkResource>();

  constructor(included: readonly IncludedResource[] | undefined) {
    for (const resource of included ?? []) {
      if (resource.type === 'artists') this.artists.set(resource.id, resource);
      else if (resource.type === 'albums') this.albums.set(resource.id, resource);
      else if (resource.type === 'usageRules') this.usageRules.set(resource.id, resource);
      else if (resource.type === 'artworks') this.artworks.set(resource.id, resource);
    }
  }

  artist(id: string): ArtistResource | undefined {
    return this.artists.get(id);
  }

  album(id: string): AlbumResource | undefined {
    return this.albums.get(id);
  }

  artwork(id: string): ArtworkResource | undefined {
    return this.artworks.get(id);
  }

  rules(id: string): UsageRulesResource | undefined {
    return this.usageRules.get(id);
  }
}

/** TIDAL's album types (its spec's enum). New values may come: they read as an unknown type. */
const ALBUM_TYPES: readonly AlbumType[] = ['ALBUM', 'EP', 'SINGLE'];

/**
 * A track resource (with its artists, album and usage rules from `included`) as the domain's Track.
 * Returned by TIDAL for the country, it is streamable when its usage rules let a subscription stream it;
 * where no usage rules came (not asked for, none for the country, or a subscription model they do not
 * mention), when the deprecated `availability` lists STREAM or is absent.
 */
export function toTrack(resource: TrackResource, included: IncludedIndex, path: string): Track {
  const { attributes } = resource;
  const relationships = resource.relationships;
  const artists = artistsOf(relationships?.artists?.data, included, `${path}.relationships.artists`);
  const albumRef = relationships?.albums?.data?.[0];
  let album: Album | null = null;
  if (albumRef) {
    const found = included.album(albumRef.id);
    if (!found)
      throw new MissingIncludedError(`${path}.relationships.albums.data[0]`, `albums ${albumRef.id}`);
    album = toAlbum(found, included, `included albums ${found.id}`);
  }
  const rulesRef = relationships?.usageRules?.data;
  const rules = rulesRef ? included.rules(rulesRef.id) : undefined;
  if (rulesRef && !rules) {
    throw new MissingIncludedError(`${path}.relationships.usageRules.data`, `usageRules ${rulesRef.id}`);
  }
  const subscription = rules?.attributes.subscription;
  const streamable = subscription
    ? subscription.includes('STREAM')
    : attributes.availability == null || attributes.availability.includes('STREAM');
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

function toAlbum(resource: AlbumResource, included: IncludedIndex, path: string): Album {
  const { attributes } = resource;
  const type = attributes.albumType ?? attributes.type ?? null;
  const album: Album = {
    id: resource.id,
    title: attributes.title,
    type: ALBUM_TYPES.includes(type as AlbumType) ? (type as AlbumType) : null,
    releaseDate: attributes.releaseDate ?? null,
  };
  // Present only when asked for (`include=albums.artists`): the album's own artists.
  const artists = resource.relationships?.artists?.data;
  if (artists) album.artists = artistsOf(artists, included, `${path}.relationships.artists`);
  if (attributes.numberOfItems != null) album.numberOfItems = attributes.numberOfItems;
  // Present only when asked for (`include=albums.coverArt`); an artwork not included is no error here.
  const artworks = (resource.relationships?.coverArt?.data ?? []).flatMap((ref) => {
    const artwork = included.artwork(ref.id);
    return artwork ? [artwork] : [];
  });
  const cover = pickCover(artworks);
  if (cover) album.cover = cover;
  return album;
}

/** The size a cover is shown at on the pages, in CSS pixels. */
export const COVER_MIN_PX = 80;

/**
 * The cover to show: among the image files of the artworks, the smallest at least COVER_MIN_PX on each side
 * (the largest when none is that big); null when there is no image file with an http(s) href.
 */
export function pickCover(artworks: readonly ArtworkResource[]): Cover | null {
  const files = artworks
    .filter((artwork) => artwork.attributes.mediaType === 'IMAGE')
    .flatMap((artwork) => artwork.attributes.files)
    .filter((file) => /^https?:\/\//i.test(file.href))
    .map((file) => ({ url: file.href, width: file.meta.width, height: file.meta.height }));
  if (files.length === 0) return null;
  const side = (cover: Cover) => Math.min(cover.width, cover.height);
  const bigEnough = files.filter((cover) => side(cover) >= COVER_MIN_PX).sort((a, b) => side(a) - side(b));
  return bigEnough[0] ?? files.sort((a, b) => side(b) - side(a))[0] ?? null;
}

function artistsOf(
  refs: ReadonlyArray<{ id: string }> | undefined,
  included: IncludedIndex,
  path: string,
): Artist[] {
  return (refs ?? []).map((ref, n) => {
    const artist = included.artist(ref.id);
    if (!artist) throw new MissingIncludedError(`${path}.data[${n}]`, `artists ${ref.id}`);
    return { id: artist.id, name: artist.attributes.name };
  });
}

/** A track TIDAL does not return for the requested country: unavailable there, whatever else it says. */
export function notInCountry(track: Track): Track {
  return { ...track, available: false, unavailableReason: 'not-in-country' };
}

/**
 * A track TIDAL describes in no reading at all (no details in any country, as for the greyed-out items
 * other apps show as "Unavailable" by "Unknown Artist"): empty title, no artists, so positions stay true.
 */
export function undescribedTrack(id: string): Track {
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
