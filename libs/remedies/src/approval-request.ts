import {
  PublishApprovalRequestSchema,
  type RemedyReport,
  type ReportItem,
  type Track,
} from '@tidal-remedy/contracts';

/** The tracks a person may pick for an item: the proposed replacement and the runners-up. */
export function candidatesOf(item: ReportItem): Track[] {
  return [...(item.replacement ? [item.replacement] : []), ...item.runnersUp.map((c) => c.track)];
}

/**
 * The body of `POST /v1/remedies/:id/publish` (an approval), checked against the remedy's proposed report: each
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
