import type { MatchDecision, ResolvedRemedyRequest } from '@tidal-remedy/contracts';
import { noMatch, replacedBy, snapshotOf, track, unavailable } from '@tidal-remedy/test-support/tracks';
import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { matchKey } from './match-key.js';

const tracks = [unavailable('1'), unavailable('2'), unavailable('3', { explicit: true }), track('4')];
const decisions = new Map<number, MatchDecision>([
  [0, replacedBy(track('10', { explicit: true }))],
  [1, replacedBy(track('20'))],
  [2, replacedBy(track('30', { explicit: false }))],
]);

function reportUnder(explicit: ResolvedRemedyRequest['explicit']) {
  return buildReport({
    remedyId: 'rem-test000001',
    request: {
      playlist: 'p',
      mode: 'dry-run',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
      explicit,
    },
    snapshot: snapshotOf(tracks),
    decisions,
    published: null,
    cache: { fetch: { hits: 0, misses: 1 }, match: { hits: 0, misses: 3 }, publish: { hits: 0, misses: 0 } },
    tidalCalls: {},
    timingsMs: { fetch: 1, match: 1, publish: 0, total: 2 },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
  });
}

describe('buildReport: decisions that need attention', () => {
  it('flags an explicit replacement of a clean original under explicit: allow, and counts it', () => {
    const report = reportUnder('allow');
    expect(report.explicit).toBe('allow');
    expect(report.items[0]?.attention).toEqual([
      'An explicit release replaces a clean original (the remedy allows it: explicit allow).',
    ]);
    // A clean replacement, of a clean or of an explicit original, needs no look.
    expect(report.items[1]?.attention).toBeUndefined();
    expect(report.items[2]?.attention).toBeUndefined();
    expect(report.counts.needsAttention).toBe(1);
  });

  it('flags it under strict too (only the same recording by ISRC gets there), and reads an older request as strict', () => {
    expect(reportUnder('strict').items[0]?.attention).toEqual([
      'The replacement is marked explicit though the original was not (the same recording by its ISRC).',
    ]);
    expect(reportUnder(undefined).explicit).toBe('strict');
  });

  it('flags nothing without a replacement', () => {
    const report = buildReport({
      ...{
        remedyId: 'rem-test000002',
        request: { playlist: 'p', mode: 'dry-run', unmatched: 'keep', countryCode: 'US', refresh: false },
      },
      snapshot: snapshotOf([unavailable('1')]),
      decisions: new Map([[0, noMatch]]),
      published: null,
      cache: {
        fetch: { hits: 0, misses: 1 },
        match: { hits: 0, misses: 1 },
        publish: { hits: 0, misses: 0 },
      },
      tidalCalls: {},
      timingsMs: { fetch: 1, match: 1, publish: 0, total: 2 },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
    });
    expect(report.counts.needsAttention).toBe(0);
  });
});

describe('matchKey', () => {
  it('keeps decisions made under explicit: allow apart from those under strict', () => {
    const original = unavailable('1');
    const strict = matchKey('{p}', 'v2', original, 'US', 'strict');
    expect(matchKey('{p}', 'v2', original, 'US', 'allow')).not.toBe(strict);
    expect(matchKey('{p}', 'v2', original, 'US', 'strict')).toBe(strict);
  });
});
