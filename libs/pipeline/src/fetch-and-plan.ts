import {
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  type ResolvedRemedyRequest,
} from '@tidal-remedy/contracts';
import { type FetchInput, type FetchOutput, fetchStep } from './fetch-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { type MatchPlan, planMatches } from './plan-matches.js';
import { assertCanPublish } from './write-access.js';

export interface FetchedAndPlanned extends FetchOutput {
  plan: MatchPlan;
  /** The request's explicitness policy, its default applied: what every match of this remedy decides by. */
  explicit: ExplicitPolicy;
  /** What the remedy's record shows once the playlist is read. */
  progress: { playlistName: string; items: number; unavailable: number };
}

/**
 * The first stage of every remedy, in one process or over the queues: read the playlist (fetch step),
 * then plan its matches (cached decisions, bulk ISRC lookups for the rest). A remedy that will publish
 * first checks that its credentials can (assertCanPublish).
 */
export async function fetchAndPlan(
  deps: PipelineDeps,
  request: Pick<ResolvedRemedyRequest, 'playlist' | 'countryCode' | 'refresh' | 'explicit'> & {
    mode?: ResolvedRemedyRequest['mode'];
  },
  onPlaylistName?: FetchInput['onPlaylistName'],
): Promise<FetchedAndPlanned> {
  if (request.mode) await assertCanPublish(deps.tidal, request.mode);
  const fetched = await fetchStep(deps, {
    playlistId: request.playlist,
    countryCode: request.countryCode,
    refresh: request.refresh,
    onPlaylistName,
  });
  const explicit = request.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const plan = await planMatches(deps, fetched.snapshot, request.refresh, explicit);
  const { snapshot } = fetched;
  return {
    ...fetched,
    plan,
    explicit,
    progress: {
      playlistName: snapshot.playlist.name,
      items: snapshot.items.length,
      unavailable: snapshot.items.filter((item) => !item.track.available).length,
    },
  };
}
