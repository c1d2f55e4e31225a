import type { Track } from './domain.js';

/**
 * A track as people read it, in one place for every report, page and message: its title with the version
 * TIDAL keeps apart, its artists, its duration. Callers frame these (quotes, "by", a dash) as they need.
 */

/** `Title (Version)`, as TIDAL shows a track with a separate version field. */
export function trackTitle(track: Pick<Track, 'title' | 'version'>): string {
  return track.version ? `${track.title} (${track.version})` : track.title;
}

/** The artists' names, comma-separated; empty when TIDAL gives none. */
export function trackArtists(track: Pick<Track, 'artists'>): string {
  return track.artists.map((artist) => artist.name).join(', ');
}

/** 215000 -> "3:35"; an hour or more -> "1:02:03". */
export function formatDuration(durationMs: number): string {
  const total = Math.round(durationMs / 1000);
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}:${seconds}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}`;
}
