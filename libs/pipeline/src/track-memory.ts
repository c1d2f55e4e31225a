import { cacheKey } from '@tidal-remedy/cache';
import { type Track, TrackSchema } from '@tidal-remedy/contracts';
import { hidesDetails } from '@tidal-remedy/matching';
import { z } from 'zod';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * A long-lived memory of each track's details, kept in the step cache: TIDAL may later hide them (other apps
 * show such a greyed-out item as "Unavailable" by "Unknown Artist"), and a track is then matched on what
 * an earlier read saw of it. Every fetch that reads a playlist writes what it saw.
 */

/** What is remembered of a track: its details as TIDAL last described them, and when that was. */
export const RememberedTrackSchema = z.object({ track: TrackSchema, seenAt: z.string() });
export type RememberedTrack = z.infer<typeof RememberedTrackSchema>;

/**
 * Ninety days after the last read that saw the track (every read renews it): long enough for a playlist
 * remedied or watched now and then to find its hidden tracks remembered; each remembered track costs about
 * 0.7 KB of Redis for that long (bench/README.md, capacity).
 */
export const TRACK_MEMORY_TTL_SECONDS = 90 * 24 * 60 * 60;

export function trackMemoryKey(prefix: string, trackId: string): string {
  return cacheKey({ prefix, step: 'track-memory', version: 'v1', inputs: { trackId } });
}

/** Remembers the details of every track among `tracks` whose details TIDAL gave (one round trip). */
export async function rememberTracks(
  deps: PipelineDeps,
  tracks: readonly Track[],
  seenAt: string,
): Promise<void> {
  const entries = new Map<string, RememberedTrack>();
  for (const track of tracks) {
    if (!hidesDetails(track)) entries.set(trackMemoryKey(deps.prefix, track.id), { track, seenAt });
  }
  if (entries.size === 0) return;
  await deps.cache.setMany([...entries], { ttlSeconds: TRACK_MEMORY_TTL_SECONDS });
}

/** What was remembered of a track, if anything. */
export async function recallTrack(deps: PipelineDeps, trackId: string): Promise<RememberedTrack | undefined> {
  return deps.cache.get(trackMemoryKey(deps.prefix, trackId), RememberedTrackSchema);
}
