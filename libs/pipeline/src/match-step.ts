import { cached } from '@tidal-remedy/cache';
import {
  type ExplicitPolicy,
  type MatchDecision,
  MatchDecisionSchema,
  type Track,
} from '@tidal-remedy/contracts';
import {
  compilationSign,
  type DecideOptions,
  decide,
  hidesDetails,
  searchQueryFor,
} from '@tidal-remedy/matching';
import { matchKey } from './match-key.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { recallTrack } from './track-memory.js';

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
  const { countryCode } = input;
  const options = { explicit: input.explicit };
  if (!hidesDetails(input.original)) {
    return decideOn(deps, input.original, input.isrcTwin, countryCode, options);
  }
  // TIDAL hides this track's details ('Unavailable' by 'Unknown Artist', or none at all): match it on what an
  // earlier read saw of it; a placeholder is never searched for.
  const memory = await recallTrack(deps, input.original.id);
  if (!memory) {
    const decision = decide(input.original, input.isrcTwin ? [input.isrcTwin] : [], options);
    if (decision.replacement !== null) return decision;
    return {
      ...decision,
      reasons: [
        ...decision.reasons,
        `No earlier read of a playlist holding track ${input.original.id} remembered its details, so there is nothing to match it on.`,
      ],
    };
  }
  const original: Track = {
    ...memory.track,
    id: input.original.id,
    available: false,
    unavailableReason: input.original.unavailableReason,
  };
  let isrcTwin = input.isrcTwin;
  if (isrcTwin === null && original.isrc) {
    const twin = (await deps.tidal.getTracksByIsrc([original.isrc], { countryCode })).get(original.isrc);
    isrcTwin = twin?.available === true && twin.id !== original.id ? twin : null;
  }
  const decision = await decideOn(deps, original, isrcTwin, countryCode, options);
  const remembered =
    `TIDAL hides this track's details now; matched on what a read of ${memory.seenAt.slice(0, 10)} remembered: ` +
    `'${original.title}' by ${original.artists.map((artist) => artist.name).join(', ')}.`;
  return { ...decision, reasons: [remembered, ...decision.reasons] };
}

async function decideOn(
  deps: PipelineDeps,
  original: Track,
  isrcTwin: Track | null,
  countryCode: string,
  options: DecideOptions,
): Promise<MatchDecision> {
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
