import {
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  type MatchDecision,
  MatchDecisionSchema,
  type PlaylistSnapshot,
  PlaylistSnapshotSchema,
} from '@tidal-remedy/contracts';
import { decisionsByPosition } from './decisions.js';
import { matchKey } from './match-key.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { unavailableTracks } from './unavailable-tracks.js';

/** A step output a later step needs is gone from the cache (expired, evicted): only a new run can redo it. */
export class MissingStepOutputError extends Error {
  override readonly name = 'MissingStepOutputError';
  readonly retryable = false;
}

/** The playlist snapshot the fetch step cached under `snapshotRef`. */
export async function readSnapshot(
  deps: PipelineDeps,
  snapshotRef: string,
  remedyId: string,
): Promise<PlaylistSnapshot> {
  const snapshot = await deps.cache.get(snapshotRef, PlaylistSnapshotSchema);
  if (!snapshot) {
    throw new MissingStepOutputError(
      `The playlist snapshot of remedy ${remedyId} is no longer cached; retry the remedy.`,
    );
  }
  return snapshot;
}

/**
 * Every unavailable position's decision, read from the match cache in one round trip: the keys follow
 * from the snapshot and the remedy's explicitness policy, so nobody has to carry them. Throws when any
 * decision is missing.
 */
export async function readDecisions(
  deps: PipelineDeps,
  snapshot: PlaylistSnapshot,
  remedy: { remedyId: string; explicit?: ExplicitPolicy | undefined },
): Promise<Map<number, MatchDecision>> {
  const { remedyId } = remedy;
  const explicit = remedy.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const tracks = unavailableTracks(snapshot);
  const keys = tracks.map(({ original }) =>
    matchKey(deps.prefix, deps.versions.match, original, snapshot.countryCode, explicit),
  );
  const stored = await deps.cache.getMany(keys, MatchDecisionSchema);
  const missing = tracks.filter((_, index) => stored[index] === undefined);
  if (missing.length > 0) {
    throw new MissingStepOutputError(
      `${missing.length} match decisions of remedy ${remedyId} are no longer cached (first: track ${missing[0]!.original.id}); retry the remedy.`,
    );
  }
  return decisionsByPosition(tracks.map((track, index) => ({ ...track, decision: stored[index]! })));
}
