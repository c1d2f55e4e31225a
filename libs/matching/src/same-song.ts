import type { Track } from '@tidal-remedy/contracts';
import { isCredited } from './artist-key.js';
import type { NormalizedTrack } from './normalize.js';
import { SAME_SONG_DURATION_S } from './thresholds.js';
import { isDistinctVersion, type VersionKind, type VersionTag } from './version-tag.js';

/**
 * Whether two candidates are one song on two releases (the album and a best-of, a remaster and the
 * original): same ISRC, or same title, primary artist, version and length. Such pairs are not rivals when
 * the decision asks for a clear margin. Explicitness, other mixes and length labels (SAME_SONG_KINDS) are
 * left out: the clean and explicit cuts of a song are one song, and the ranking prefers the one like the
 * original.
 */
export function isSameSong(a: Track, na: NormalizedTrack, b: Track, nb: NormalizedTrack): boolean {
  if (na.isrc !== null && na.isrc === nb.isrc) return true;
  if (na.title !== nb.title && na.coreTitle !== nb.coreTitle) return false;
  if (Math.abs(a.durationMs - b.durationMs) > SAME_SONG_DURATION_S * 1000) return false;
  if (na.primaryArtist === null || nb.primaryArtist === null) return false;
  // "Under Pressure" by Queen & David Bowie, or by David Bowie & Queen on his best-of: one song.
  if (!isCredited(na.primaryArtist, [nb.primaryArtist, ...nb.featuredArtists])) return false;
  if (na.versions.length === 0 && nb.versions.length === 0) return true;
  return versionKey(na.versions) === versionKey(nb.versions);
}

/**
 * Tags that do not make another song when the lengths agree: other mixes, and edit/extended labels (the
 * single says "Song", the compilation "Song (Radio Edit)", both the same cut).
 */
const SAME_SONG_KINDS: ReadonlySet<VersionKind> = new Set(['mono', 'newmix', 'edit', 'extended']);

function versionKey(tags: readonly VersionTag[]): string {
  return tags
    .filter((tag) => isDistinctVersion(tag.kind) && !SAME_SONG_KINDS.has(tag.kind))
    .map((tag) => `${tag.kind}:${tag.detail ?? ''}`)
    .sort()
    .join('|');
}
