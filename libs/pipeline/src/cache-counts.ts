import type { PublishOutput } from './publish-step.js';

/** A step's cache lookups, as the report counts them. */
export interface Lookups {
  hits: number;
  misses: number;
}

/** One lookup (the fetch step's): a hit or a miss. */
export function lookupOf(hit: boolean): Lookups {
  return { hits: hit ? 1 : 0, misses: hit ? 0 : 1 };
}

/** The match step's: one lookup per unavailable track, `hits` of them found. */
export function matchLookups(hits: number, tracks: number): Lookups {
  return { hits, misses: tracks - hits };
}

/** The publish step's: none when nothing was published (a dry run, nothing to change). */
export function publishLookups(output: Pick<PublishOutput, 'published' | 'hit'>): Lookups {
  if (output.published === null) return { hits: 0, misses: 0 };
  return lookupOf(output.hit);
}
