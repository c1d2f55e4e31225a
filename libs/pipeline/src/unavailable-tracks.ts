import type { PlaylistSnapshot, Track } from '@tidal-remedy/contracts';

/** One unavailable track and every position that holds it (a playlist may hold a track twice). */
export interface UnavailableTrack {
  original: Track;
  positions: number[];
}

export function unavailableTracks(snapshot: PlaylistSnapshot): UnavailableTrack[] {
  const byId = new Map<string, UnavailableTrack>();
  for (const item of snapshot.items) {
    if (item.track.available) continue;
    const entry = byId.get(item.track.id);
    if (entry) entry.positions.push(item.position);
    else byId.set(item.track.id, { original: item.track, positions: [item.position] });
  }
  return [...byId.values()];
}
