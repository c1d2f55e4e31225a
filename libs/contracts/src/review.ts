import { z } from 'zod';
import { DecisionKindSchema } from './decision.js';
import { ReviewedPublishModeSchema } from './request.js';

/**
 * What a person does with one proposed decision while a remedy awaits review:
 * - `accept`: keep what the matcher proposed (a replacement, or none);
 * - `reject`: use no replacement; the item is then kept or dropped as the request's `unmatched` says;
 * - `pick`: use another candidate instead: the proposed replacement or one of the runners-up (`trackId`).
 */
export const ReviewActionSchema = z.enum(['accept', 'reject', 'pick']);
export type ReviewAction = z.infer<typeof ReviewActionSchema>;

/** A person's choice for the unavailable item at `position` (0-based, as in the report). */
export const ReviewOverrideSchema = z
  .object({
    position: z.number().int().nonnegative(),
    action: ReviewActionSchema,
    trackId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((override, ctx) => {
    if (override.action === 'pick' && override.trackId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['trackId'],
        message: 'a pick names the chosen candidate: give trackId',
      });
    }
    if (override.action !== 'pick' && override.trackId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['trackId'],
        message: `trackId goes with action pick only, not ${override.action}`,
      });
    }
  });
export type ReviewOverride = z.infer<typeof ReviewOverrideSchema>;

/** Enough for any playlist TIDAL allows, small enough that a body stays well under the API's limit. */
export const MAX_OVERRIDES = 1_000;

/**
 * The body of `POST /v1/remedies/:id/publish`: approves a remedy awaiting review. Its structure only; that
 * each position is an unavailable item of that remedy and each picked track one of its candidates is
 * checked against the remedy's proposed report (libs/remedies `approvalRequestSchemaFor`).
 */
export const PublishApprovalRequestSchema = z
  .object({
    mode: ReviewedPublishModeSchema.default('new'),
    overrides: z.array(ReviewOverrideSchema).max(MAX_OVERRIDES).default([]),
  })
  .strict();
export type PublishApprovalRequestInput = z.input<typeof PublishApprovalRequestSchema>;
export type PublishApprovalRequest = z.output<typeof PublishApprovalRequestSchema>;

/** A person's approval as the remedy record keeps it: the publisher reads it and applies it. */
export const ApprovalSchema = z.object({
  mode: ReviewedPublishModeSchema,
  overrides: z.array(ReviewOverrideSchema),
  approvedAt: z.string(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** On a report item a person reviewed: what they did, and what the matcher had proposed. */
export const ItemReviewSchema = z.object({
  action: ReviewActionSchema,
  /** False when the choice kept the proposal (accept, a pick of the proposed track, reject of no match). */
  changed: z.boolean(),
  proposed: z.object({
    decision: DecisionKindSchema,
    replacementId: z.string().nullable(),
  }),
});
export type ItemReview = z.infer<typeof ItemReviewSchema>;
