import { describe, expect, it } from 'vitest';
import { lookupOf, matchLookups, publishLookups } from './cache-counts.js';
import type { PublishOutput } from './publish-step.js';

const published = (hit: boolean): Pick<PublishOutput, 'published' | 'hit'> => ({
  published: { playlistId: 'p', url: 'https://tidal.com/browse/playlist/p', reused: hit },
  hit,
});

describe('cache counts, as every report gives them', () => {
  it('counts one lookup for fetch, one per unavailable track for match', () => {
    expect(lookupOf(true)).toEqual({ hits: 1, misses: 0 });
    expect(lookupOf(false)).toEqual({ hits: 0, misses: 1 });
    expect(matchLookups(3, 4)).toEqual({ hits: 3, misses: 1 });
  });

  it('counts no publish lookup when nothing was published', () => {
    expect(publishLookups(published(true))).toEqual({ hits: 1, misses: 0 });
    expect(publishLookups(published(false))).toEqual({ hits: 0, misses: 1 });
    expect(publishLookups({ ...published(false), published: null })).toEqual({ hits: 0, misses: 0 });
  });
});
