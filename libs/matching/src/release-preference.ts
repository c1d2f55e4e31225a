import type { AlbumType, Track } from '@tidal-remedy/contracts';
import type { NormalizedTrack } from './normalize.js';

/** Why one release of a song was preferred to another, in words for the report. */
export type PreferenceReason =
  | 'the same album as the original'
  | 'explicitness like the original'
  | 'an original release rather than a compilation'
  | 'the closest duration'
  | 'the earliest release'
  | 'the most popular release'
  | 'the lowest id';

interface Release {
  track: Track;
  normalized: NormalizedTrack;
}

/**
 * Orders releases of one song (design 7.1): the original's album first, then the original's explicitness,
 * then an original release (album, EP, single) over a compilation, then the closest length, the earliest
 * release, the most popular, and the id, so the order is total and a decision never depends on the order
 * the catalog returned.
 */
export function compareReleases(
  original: Track,
  o: NormalizedTrack,
  a: Release,
  b: Release,
): { order: number; reason: PreferenceReason } {
  const criteria: [PreferenceReason, (r: Release) => number][] = [
    ['the same album as the original', (r) => (isSameAlbum(original, o, r) ? 0 : 1)],
    ['explicitness like the original', (r) => (r.track.explicit === original.explicit ? 0 : 1)],
    ['an original release rather than a compilation', (r) => typeRank(r.track.album?.type ?? null)],
    ['the closest duration', (r) => Math.round(Math.abs(r.track.durationMs - original.durationMs) / 1000)],
    ['the earliest release', (r) => releaseDay(r.track)],
    ['the most popular release', (r) => -(r.track.popularity ?? 0)],
  ];
  for (const [reason, rank] of criteria) {
    const order = rank(a) - rank(b);
    if (order !== 0) return { order, reason };
  }
  return { order: a.track.id < b.track.id ? -1 : a.track.id > b.track.id ? 1 : 0, reason: 'the lowest id' };
}

function isSameAlbum(original: Track, o: NormalizedTrack, r: Release): boolean {
  if (original.album === null || r.track.album === null) return false;
  return original.album.id === r.track.album.id || (o.album !== null && o.album === r.normalized.album);
}

function typeRank(type: AlbumType | null): number {
  if (type === 'COMPILATION') return 2;
  return type === null ? 1 : 0;
}

/** Days since the epoch, or far in the future when unknown (an unknown date is not "earliest"). */
function releaseDay(track: Track): number {
  const date = track.album?.releaseDate;
  const time = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : Math.floor(time / 86_400_000);
}
