import {
  type Approval,
  type ItemReview,
  type MatchDecision,
  type PlaylistSnapshot,
  type RemedyReport,
  type ReportItem,
  type ResolvedRemedyRequest,
  type ReviewOverride,
  type ScoredCandidate,
  type Track,
  trackArtists,
  trackTitle,
} from '@tidal-remedy/contracts';
import { noReplacement } from '@tidal-remedy/matching';
import type { ReportBasis } from './publish-and-report.js';

export interface ReviewedDecisions {
  /** The decision for every unavailable position after the person's choices. */
  decisions: Map<number, MatchDecision>;
  /** What the person did, for each position they gave a choice for. */
  reviews: Map<number, ItemReview>;
  /** How many decisions the person changed. */
  changed: number;
}

function decisionOf(item: ReportItem): MatchDecision {
  const { decision, replacement, score, parts, reasons, runnersUp } = item;
  return { decision, replacement, score, parts, reasons, runnersUp };
}

function describe(track: Track): string {
  const artists = trackArtists(track);
  return `"${trackTitle(track)}"${artists ? ` by ${artists}` : ''}`;
}

/**
 * Applies a person's choices to the proposed decisions (overrides already checked against the proposal,
 * see libs/remedies' approval request). A rejection leaves no replacement; a pick makes the picked candidate the
 * replacement, with its own score, and the proposed replacement becomes a runner-up. Reasons say so.
 */
export function applyReview(
  items: readonly ReportItem[],
  overrides: readonly ReviewOverride[],
): ReviewedDecisions {
  const byPosition = new Map(overrides.map((override) => [override.position, override]));
  const decisions = new Map<number, MatchDecision>();
  const reviews = new Map<number, ItemReview>();
  let changed = 0;
  for (const item of items) {
    const proposed = decisionOf(item);
    const override = byPosition.get(item.position);
    if (override === undefined) {
      decisions.set(item.position, proposed);
      continue;
    }
    const decision = reviewed(item, proposed, override);
    const isChange = decision.replacement?.id !== proposed.replacement?.id;
    if (isChange) changed += 1;
    decisions.set(item.position, decision);
    reviews.set(item.position, {
      action: override.action,
      changed: isChange,
      proposed: { decision: proposed.decision, replacementId: proposed.replacement?.id ?? null },
    });
  }
  return { decisions, reviews, changed };
}

/**
 * What publishing a reviewed remedy starts from: the proposed decisions (those the person saw, from the
 * proposed report, not whatever the match cache holds by now) with the person's changes, and fetch and
 * match as the proposal counted them.
 */
export function reviewedBasis(
  remedyId: string,
  request: ResolvedRemedyRequest,
  snapshot: PlaylistSnapshot,
  proposed: RemedyReport,
  approval: Approval,
): ReportBasis {
  const { decisions, reviews, changed } = applyReview(proposed.items, approval.overrides);
  const { fetch, match, total } = proposed.timingsMs;
  return {
    remedyId,
    request,
    snapshot,
    decisions,
    reviews,
    review: { approvedAt: approval.approvedAt, changed },
    cache: { fetch: proposed.cache.fetch, match: proposed.cache.match },
    tidalCalls: proposed.tidalCalls.byEndpoint,
    // The machine's time: the wait for a person is not part of it.
    timingsMs: { fetch, match, total },
    startedAt: proposed.startedAt,
  };
}

function reviewed(item: ReportItem, proposed: MatchDecision, override: ReviewOverride): MatchDecision {
  if (override.action === 'accept') return proposed;
  if (override.action === 'reject') {
    if (proposed.replacement === null) return proposed;
    return noReplacement(
      [`Rejected in review: ${describe(proposed.replacement)} is not used.`, ...asProposed(proposed)],
      withProposed(proposed, proposed.runnersUp),
    );
  }
  if (override.trackId === proposed.replacement?.id) return proposed;
  const picked = proposed.runnersUp.find((candidate) => candidate.track.id === override.trackId)!;
  const others = proposed.runnersUp.filter((candidate) => candidate !== picked);
  const sameRecording = picked.track.isrc !== null && picked.track.isrc === item.original.isrc;
  return {
    decision: sameRecording ? 'isrc' : 'match',
    replacement: picked.track,
    score: picked.score,
    parts: picked.parts,
    reasons: [
      `Picked in review: ${describe(picked.track)}, instead of ${
        proposed.replacement ? describe(proposed.replacement) : 'no replacement'
      }.`,
      ...asProposed(proposed),
    ],
    runnersUp: withProposed(proposed, others),
  };
}

/** The matcher's reasons, marked as being about its proposal rather than the person's choice. */
function asProposed(proposed: MatchDecision): string[] {
  return proposed.reasons.map((reason) => `Proposed: ${reason}`);
}

/** The runners-up with the proposed replacement first, when it was scored (an ISRC twin always is). */
function withProposed(proposed: MatchDecision, runnersUp: ScoredCandidate[]): ScoredCandidate[] {
  if (proposed.replacement === null || proposed.score === null || proposed.parts === null) return runnersUp;
  return [{ track: proposed.replacement, score: proposed.score, parts: proposed.parts }, ...runnersUp];
}
