import type { Track } from '@tidal-remedy/contracts';

/** `Title (Version)`, as TIDAL shows a track with a separate version field. */
export function trackTitle(track: Track): string {
  return track.version ? `${track.title} (${track.version})` : track.title;
}

export function trackArtists(track: Track): string {
  return track.artists.map((artist) => artist.name).join(', ');
}

/** `m:ss`, or `h:mm:ss` for anything an hour or longer. */
export function formatDuration(durationMs: number): string {
  const totalSeconds = Math.round(durationMs / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A score in [0, 1] as a whole percentage. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
