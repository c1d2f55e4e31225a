import type {
  RemedyRecord,
  RemedyReport,
  ReportItem,
  ResolvedRemedyRequest,
  Track,
} from '@tidal-remedy/contracts';

/** Plain, valid domain values for tests; each builder takes overrides for what a test cares about. */

export const PLAYLIST_ID = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c';

/** A remedy request with every option at its default. */
export const SAMPLE_REQUEST: ResolvedRemedyRequest = {
  playlist: PLAYLIST_ID,
  mode: 'new',
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
};

export function sampleTrack(overrides: Partial<Track> = {}): Track {
  return {
    id: '1001',
    title: 'Harbour Lights',
    version: null,
    isrc: 'GBAAA0100001',
    durationMs: 215_000,
    explicit: false,
    artists: [{ id: '501', name: 'The Tidemarks' }],
    album: { id: '9001', title: 'Low Water', type: 'ALBUM', releaseDate: '2011-05-02' },
    popularity: 0.4,
    available: true,
    unavailableReason: null,
    ...overrides,
  };
}

export function sampleRecord(overrides: Partial<RemedyRecord> = {}): RemedyRecord {
  const at = '2026-11-22T10:00:00.000Z';
  return {
    id: 'rem-sample000001',
    request: SAMPLE_REQUEST,
    state: 'queued',
    run: 0,
    playlistName: null,
    progress: { items: null, unavailable: null, matched: 0 },
    timestamps: {
      createdAt: at,
      updatedAt: at,
      fetchStartedAt: null,
      matchStartedAt: null,
      publishStartedAt: null,
      finishedAt: null,
    },
    error: null,
    snapshotRef: null,
    reportRef: null,
    approval: null,
    ...overrides,
  };
}

/** Three unavailable items: one replaced by ISRC, one by a scored match, one without a match. */
export function sampleReportItems(): ReportItem[] {
  const unavailable = { available: false, unavailableReason: 'not-in-country' as const };
  return [
    {
      position: 1,
      itemId: 'item-2',
      original: sampleTrack({ id: '1002', title: 'Undertow', ...unavailable }),
      decision: 'isrc',
      replacement: sampleTrack({ id: '2002', title: 'Undertow' }),
      score: 1,
      parts: { title: 1, artists: 1, duration: 1, version: 1, explicit: 1 },
      reasons: ['Same recording (ISRC GBAAA0100001) on another release.'],
      runnersUp: [],
    },
    {
      position: 4,
      itemId: 'item-5',
      original: sampleTrack({ id: '1005', title: 'Slack Tide', version: '2011 Remaster', ...unavailable }),
      decision: 'match',
      replacement: sampleTrack({ id: '2005', title: 'Slack Tide' }),
      score: 0.91,
      parts: { title: 1, artists: 1, duration: 0.9, version: 0.8, explicit: 1 },
      reasons: ['Title and primary artist agree.', 'A remaster is compatible with the original.'],
      runnersUp: [
        {
          track: sampleTrack({
            id: '3005',
            title: 'Slack Tide',
            version: 'Live',
            isrc: 'GBAAA0100015',
            durationMs: 240_000,
          }),
          score: 0.52,
          parts: { title: 1, artists: 1, duration: 0.4, version: 0, explicit: 1 },
        },
        {
          track: sampleTrack({
            id: '3006',
            title: 'Slack Tide',
            isrc: 'USCOV0100006',
            artists: [{ id: '777', name: 'Covers Inc.' }],
          }),
          score: 0.31,
          parts: { title: 1, artists: 0, duration: 1, version: 1, explicit: 1 },
        },
      ],
    },
    {
      position: 7,
      itemId: 'item-8',
      original: sampleTrack({ id: '1008', title: 'Spring Tide (Live)', ...unavailable }),
      decision: 'none',
      replacement: null,
      score: null,
      parts: null,
      reasons: ['No candidate scored above the threshold.'],
      runnersUp: [
        {
          track: sampleTrack({ id: '3008', title: 'Spring Tide', isrc: 'GBAAA0100008' }),
          score: 0.44,
          parts: { title: 0.9, artists: 1, duration: 0.7, version: 0, explicit: 1 },
        },
      ],
    },
  ];
}

export function sampleReport(overrides: Partial<RemedyReport> = {}): RemedyReport {
  const items = overrides.items ?? sampleReportItems();
  return {
    remedyId: 'rem-sample000001',
    playlist: { id: PLAYLIST_ID, name: 'Road Trip' },
    countryCode: 'US',
    mode: 'new',
    unmatched: 'keep',
    published: {
      playlistId: '7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
      url: 'https://tidal.com/browse/playlist/7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
      reused: false,
    },
    counts: {
      items: 10,
      unavailable: items.length,
      replacedByIsrc: items.filter((item) => item.decision === 'isrc').length,
      replacedByMatch: items.filter((item) => item.decision === 'match').length,
      unmatched: items.filter((item) => item.decision === 'none').length,
    },
    items,
    cache: {
      fetch: { hits: 0, misses: 1 },
      match: { hits: 0, misses: items.length },
      publish: { hits: 0, misses: 1 },
    },
    tidalCalls: { total: 12, byEndpoint: { playlists: 2, tracks: 10 } },
    timingsMs: { fetch: 120, match: 340, publish: 80, total: 540 },
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:00:01.000Z',
    ...overrides,
  };
}
