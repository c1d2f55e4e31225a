import type { MatchDecision, PlaylistSnapshot, Track } from '@tidal-remedy/contracts';

/** A track with plausible defaults, for tests that care about a few fields. */
export function track(id: string, overrides: Partial<Track> = {}): Track {
  return {
    id,
    title: `Song ${id}`,
    version: null,
    isrc: `USXX1${id.padStart(7, '0')}`,
    durationMs: 200_000,
    explicit: false,
    artists: [{ id: 'a1', name: 'Artist' }],
    album: { id: 'al1', title: 'Album', type: 'ALBUM', releaseDate: '2001-01-01' },
    popularity: 0.5,
    available: true,
    unavailableReason: null,
    ...overrides,
  };
}

export function unavailable(id: string, overrides: Partial<Track> = {}): Track {
  return track(id, { available: false, unavailableReason: 'not-in-country', ...overrides });
}

export function snapshotOf(
  tracks: Track[],
  playlistId = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
): PlaylistSnapshot {
  return {
    playlist: {
      id: playlistId,
      name: 'Test playlist',
      description: null,
      lastModifiedAt: '2026-01-01T00:00:00.000Z',
      numberOfItems: tracks.length,
      ownerId: '1',
    },
    countryCode: 'US',
    items: tracks.map((entry, position) => ({ position, itemId: `item-${position}`, track: entry })),
    fetchedAt: '2026-01-01T00:00:00.000Z',
  };
}

export function replacedBy(replacement: Track, decision: MatchDecision['decision'] = 'match'): MatchDecision {
  return { decision, replacement, score: 0.95, parts: null, reasons: ['test'], runnersUp: [] };
}

export const noMatch: MatchDecision = {
  decision: 'none',
  replacement: null,
  score: null,
  parts: null,
  reasons: ['nothing good enough'],
  runnersUp: [],
};
