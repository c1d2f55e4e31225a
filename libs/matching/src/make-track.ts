import type { AlbumType, Track } from '@tidal-remedy/contracts';

let sequence = 0;

export interface TrackSketch {
  id?: string;
  title: string;
  version?: string | null;
  isrc?: string | null;
  /** "m:ss". */
  duration?: string;
  explicit?: boolean;
  /** Names; the id is derived from the name, so one name is one artist. */
  artists?: string[];
  album?: string | null;
  albumType?: AlbumType | null;
  /** The album's own artists (TIDAL's albums.artists), by name; absent unless given. */
  albumArtists?: string[];
  albumId?: string;
  releaseDate?: string | null;
  popularity?: number | null;
  available?: boolean;
}

/** A contract Track from a few fields, for tests: an available 3:30 track by "Artist" unless told. */
export function makeTrack(sketch: TrackSketch): Track {
  const [minutes = 3, seconds = 30] = (sketch.duration ?? '3:30').split(':').map(Number);
  const album = sketch.album === undefined ? 'Album' : sketch.album;
  const available = sketch.available ?? true;
  return {
    id: sketch.id ?? `t${++sequence}`,
    title: sketch.title,
    version: sketch.version ?? null,
    isrc: sketch.isrc ?? null,
    durationMs: (minutes * 60 + seconds) * 1000,
    explicit: sketch.explicit ?? false,
    artists: (sketch.artists ?? ['Artist']).map(artistNamed),
    album:
      album === null
        ? null
        : {
            id: sketch.albumId ?? `al-${album.toLowerCase()}`,
            title: album,
            type: sketch.albumType === undefined ? 'ALBUM' : sketch.albumType,
            releaseDate: sketch.releaseDate === undefined ? '2001-01-01' : sketch.releaseDate,
            ...(sketch.albumArtists === undefined ? {} : { artists: sketch.albumArtists.map(artistNamed) }),
          },
    popularity: sketch.popularity ?? null,
    available,
    unavailableReason: available ? null : 'not-in-country',
  };
}

function artistNamed(name: string): { id: string; name: string } {
  return { id: `ar-${name.toLowerCase()}`, name };
}
