import { cached } from '@tidal-remedy/cache';
import { type MatchDecision, MatchDecisionSchema, type Track } from '@tidal-remedy/contracts';
import { decide, noReplacement, searchQueryFor } from '@tidal-remedy/matching';
import { matchKey } from './match-key.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { hasDetails, recallTrack } from './track-memory.js';

export interface MatchInput {
  original: Track;
  isrcTwin: Track | null;
  countryCode: string;
  refresh: boolean;
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
  const { original, countryCode } = input;
  const key = matchKey(deps.prefix, deps.versions.match, original, countryCode);
  const { value, hit } = await cached(
    deps.cache,
    { key, schema: MatchDecisionSchema, refresh: input.refresh },
    () => chooseReplacement(deps, input),
  );
  return { decision: value, decisionRef: key, hit };
}

async function chooseReplacement(deps: PipelineDeps, input: MatchInput): Promise<MatchDecision> {
  const { countryCode } = input;
  if (hasDetails(input.original)) return decideOn(deps, input.original, input.isrcTwin, countryCode);
  // TIDAL hides this track's details: match it on what an earlier read saw of it, never on a placeholder.
  const memory = await recallTrack(deps, input.original.id);
  if (!memory) {
    return noReplacement([
      `TIDAL hides the details of track ${input.original.id} (other apps show it as "Unavailable" by ` +
        '"Unknown Artist"), and no earlier read of a playlist holding it remembered them, so there is nothing to match it on.',
    ]);
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
  const decision = await decideOn(deps, original, isrcTwin, countryCode);
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
): Promise<MatchDecision> {
  if (isrcTwin) {
    // TIDAL's bulk lookup answers the most popular release, often a compilation; the original release is
    // preferred (design 7.1), so then one more call reads every release of the recording.
    const releases =
      isVariousArtists(isrcTwin) && original.isrc
        ? await deps.tidal.listTracksByIsrc(original.isrc, { countryCode })
        : [];
    const decision = decide(original, [isrcTwin, ...releases]);
    if (decision.decision === 'isrc') return decision;
    deps.logger?.debug({ trackId: original.id, twinId: isrcTwin.id }, 'ISRC twin not accepted; searching');
  }
  const candidates = await deps.tidal.searchTracks(searchQueryFor(original), {
    countryCode,
    limit: SEARCH_CANDIDATES,
  });
  return decide(original, isrcTwin ? [isrcTwin, ...candidates] : candidates);
}

/** An album whose own artists are not the track's: a compilation (TIDAL's album types have no COMPILATION). */
function isVariousArtists(track: Track): boolean {
  const albumArtists = track.album?.artists;
  return albumArtists !== undefined && !albumArtists.some((a) => track.artists.some((t) => t.id === a.id));
}
