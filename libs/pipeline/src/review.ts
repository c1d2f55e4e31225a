import {
  type ItemReview,
  type MatchDecision,
  PublishApprovalRequestSchema,
  type RemedyReport,
  type ReportItem,
  type ReviewOverride,
  type ScoredCandidate,
  type Track,
} from '@tidal-remedy/contracts';
import { noReplacement } from '@tidal-remedy/matching';

/** The tracks a person may pick for an item: the proposed replacement and the runners-up. */
export function candidatesOf(item: ReportItem): Track[] {
  return [...(item.replacement ? [item.replacement] : []), ...item.runnersUp.map((c) => c.track)];
}

/**
 * The body of `POST /v1/remedies/:id/publish`, checked against the remedy's proposed report: each
 * position is one of its unavailable items, at most once, and a picked track is one of that item's
 * candidates. Every problem is an issue at its path (`overrides.2.trackId`), as for any other body.
 */
export function approvalRequestSchemaFor(proposed: RemedyReport) {
  const items = new Map(proposed.items.map((item) => [item.position, item]));
  return PublishApprovalRequestSchema.superRefine((body, ctx) => {
    const seen = new Set<number>();
    body.overrides.forEach((override, index) => {
      const item = items.get(override.position);
      if (item === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, 'position'],
          message: `position ${override.position} is not an unavailable item of this remedy; the positions are those of report.items (0-based)`,
        });
        return;
      }
      if (seen.has(override.position)) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, 'position'],
          message: `position ${override.position} is overridden twice; give one choice per item`,
        });
      }
      seen.add(override.position);
      if (override.action !== 'pick') return;
      const candidates = candidatesOf(item).map((track) => track.id);
      if (!candidates.includes(override.trackId!)) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, 'trackId'],
          message:
            candidates.length === 0
              ? `track ${override.trackId} is not a candidate for position ${override.position}, which has none; accept or reject it`
              : `track ${override.trackId} is not a candidate for position ${override.position}; pick one of ${candidates.join(', ')}`,
        });
      }
    });
  });
}

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
  const artists = track.artists.map((artist) => artist.name).join(', ');
  return `"${track.title}${track.version ? ` (${track.version})` : ''}"${artists ? ` by ${artists}` : ''}`;
}

/**
 * Applies a person's choices to the proposed decisions (overrides already checked by
 * approvalRequestSchemaFor). A rejection leaves no replacement; a pick makes the picked candidate the
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
