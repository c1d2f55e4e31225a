import {
  type ExplicitPolicy,
  type MatchDecision,
  MatchDecisionSchema,
  type PlaylistSnapshot,
  type Track,
} from '@tidal-remedy/contracts';
import { matchKey } from './match-key.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { type UnavailableTrack, unavailableTracks } from './unavailable-tracks.js';

/** A track still to match, with the available release of the same recording if one was found. */
export interface MatchTask extends UnavailableTrack {
  isrcTwin: Track | null;
}

export interface MatchPlan {
  /** Decisions already in the cache, by track. */
  cached: Array<UnavailableTrack & { decision: MatchDecision; decisionRef: string }>;
  tasks: MatchTask[];
}

/**
 * Before any match runs: reads cached decisions (one round trip), then looks up the ISRCs of the rest in
 * bulk, so a track whose recording is available elsewhere costs a fraction of one call instead of one
 * lookup of its own. (TIDAL answers one track per ISRC in a bulk lookup: the streamable, most popular.)
 */
export async function planMatches(
  deps: PipelineDeps,
  snapshot: PlaylistSnapshot,
  refresh: boolean,
  explicit: ExplicitPolicy,
): Promise<MatchPlan> {
  const { countryCode } = snapshot;
  const unavailable = unavailableTracks(snapshot);
  const keys = unavailable.map(({ original }) =>
    matchKey(deps.prefix, deps.versions.match, original, countryCode, explicit),
  );
  const stored = refresh ? keys.map(() => undefined) : await deps.cache.getMany(keys, MatchDecisionSchema);

  const cached: MatchPlan['cached'] = [];
  const misses: UnavailableTrack[] = [];
  unavailable.forEach((entry, index) => {
    const decision = stored[index];
    if (decision) cached.push({ ...entry, decision, decisionRef: keys[index]! });
    else misses.push(entry);
  });

  const isrcs = misses.flatMap(({ original }) => (original.isrc ? [original.isrc] : []));
  const twins =
    isrcs.length > 0 ? await deps.tidal.getTracksByIsrc(isrcs, { countryCode }) : new Map<string, Track>();
  const tasks = misses.map((entry) => {
    const twin = entry.original.isrc ? twins.get(entry.original.isrc) : undefined;
    const usable = twin?.available === true && twin.id !== entry.original.id;
    return { ...entry, isrcTwin: usable ? (twin ?? null) : null };
  });
  return { cached, tasks };
}
