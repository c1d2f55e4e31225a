import { cached } from '@tidal-remedy/cache';
import {
  type ExplicitPolicy,
  type MatchDecision,
  MatchDecisionSchema,
  type Track,
} from '@tidal-remedy/contracts';
import { compilationSign, decide, hidesDetails, searchQueryFor } from '@tidal-remedy/matching';
import { matchKey } from './match-key.js';
import type { PipelineDeps } from './pipeline-deps.js';

export interface MatchInput {
  original: Track;
  isrcTwin: Track | null;
  countryCode: string;
  refresh: boolean;
  /** Whether a replacement may differ in explicitness (the remedy request's `explicit`). */
  explicit: ExplicitPolicy;
}

export interface MatchOutput {
  decision: MatchDecision;
  decisionRef: string;
  hit: boolean;
}

/** How many search results are scored: one bulk read of details at TIDAL's batch size. */
export const SEARCH_CANDIDATES = 20;

/**
 * Chooses a replacement for one unavailable track: the same recording when the ISRC lookup found it
 * available, else the best scored search result, else none. The decision is cached per track and country.
 */
export async function matchStep(deps: PipelineDeps, input: MatchInput): Promise<MatchOutput> {
  const { original, countryCode, explicit } = input;
  const key = matchKey(deps.prefix, deps.versions.match, original, countryCode, explicit);
  const { value, hit } = await cached(
    deps.cache,
    { key, schema: MatchDecisionSchema, refresh: input.refresh },
    () => chooseReplacement(deps, input),
  );
  return { decision: value, decisionRef: key, hit };
}

async function chooseReplacement(deps: PipelineDeps, input: MatchInput): Promise<MatchDecision> {
  const { original, isrcTwin, countryCode } = input;
  const options = { explicit: input.explicit };
  // Details TIDAL hides ('Unavailable' by 'Unknown Artist', or none at all) are never searched for: the
  // matcher can only take the available release of the same ISRC at the same length, if the lookup found it.
  if (hidesDetails(original)) return decide(original, isrcTwin ? [isrcTwin] : [], options);
  if (isrcTwin) {
    // TIDAL's bulk lookup answers the most popular release, often a compilation; the original release is
    // preferred (design 7.1), so then one more call reads every release of the recording.
    const releases =
      compilationSign(isrcTwin, original) !== null && original.isrc
        ? await deps.tidal.listTracksByIsrc(original.isrc, { countryCode })
        : [];
    const decision = decide(original, [isrcTwin, ...releases], options);
    if (decision.decision === 'isrc') return decision;
    deps.logger?.debug({ trackId: original.id, twinId: isrcTwin.id }, 'ISRC twin not accepted; searching');
  }
  const candidates = await deps.tidal.searchTracks(searchQueryFor(original), {
    countryCode,
    limit: SEARCH_CANDIDATES,
  });
  return decide(original, isrcTwin ? [isrcTwin, ...candidates] : candidates, options);
}
