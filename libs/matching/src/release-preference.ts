import type { Track } from '@tidal-remedy/contracts';
import { compilationSign } from './compilation.js';
import type { NormalizedTrack } from './normalize.js';

/** Why one release of a song was preferred to another, in words for the report. */
export type PreferenceCriterion =
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
 * then an original release over a compilation (compilationSign: TIDAL has no compilation type), then the
 * closest length, the earliest release, the most popular, and the id, so the order is total and a decision
 * never depends on the order the catalog returned. `reason` says which criterion decided, in words.
 */
export function compareReleases(
  original: Track,
  o: NormalizedTrack,
  a: Release,
  b: Release,
): { order: number; criterion: PreferenceCriterion; reason: string } {
  const criteria: [PreferenceCriterion, (r: Release) => number][] = [
    ['the same album as the original', (r) => (isSameAlbum(original, o, r) ? 0 : 1)],
    ['explicitness like the original', (r) => (r.track.explicit === original.explicit ? 0 : 1)],
    ['an original release rather than a compilation', (r) => releaseRank(r.track, original)],
    ['the closest duration', (r) => Math.round(Math.abs(r.track.durationMs - original.durationMs) / 1000)],
    ['the earliest release', (r) => releaseDay(r.track)],
    ['the most popular release', (r) => -(r.track.popularity ?? 0)],
  ];
  for (const [criterion, rank] of criteria) {
    const order = rank(a) - rank(b);
    if (order === 0) continue;
    const later = order < 0 ? b : a;
    const sign =
      criterion === 'an original release rather than a compilation'
        ? compilationSign(later.track, original)
        : null;
    return { order, criterion, reason: sign === null ? criterion : `${criterion} (the other is ${sign})` };
  }
  const order = a.track.id < b.track.id ? -1 : a.track.id > b.track.id ? 1 : 0;
  return { order, criterion: 'the lowest id', reason: 'the lowest id' };
}

function isSameAlbum(original: Track, o: NormalizedTrack, r: Release): boolean {
  if (original.album === null || r.track.album === null) return false;
  return original.album.id === r.track.album.id || (o.album !== null && o.album === r.normalized.album);
}

/** An original release first, then a release of unknown album, then a compilation. */
function releaseRank(track: Track, original: Track): number {
  if (track.album === null) return 1;
  return compilationSign(track, original) === null ? 0 : 2;
}

/** Days since the epoch, or far in the future when unknown (an unknown date is not "earliest"). */
function releaseDay(track: Track): number {
  const date = track.album?.releaseDate;
  const time = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : Math.floor(time / 86_400_000);
}
