import { z } from 'zod';
import { ResolvedRemedyRequestSchema } from './request.js';
import { ApprovalSchema } from './review.js';

/**
 * Where a remedy is: `queued` → `fetching` → `matching` → `publishing` → `done`, or `failed` at any step
 * (with the reason; a failed remedy can be retried). In review mode, `matching` is followed by
 * `awaiting-review`, where the remedy stays until a person approves it; then `publishing` → `done`.
 */
export const RemedyStateSchema = z.enum([
  'queued',
  'fetching',
  'matching',
  'awaiting-review',
  'publishing',
  'done',
  'failed',
]);
export type RemedyState = z.infer<typeof RemedyStateSchema>;

export const TERMINAL_STATES: readonly RemedyState[] = ['done', 'failed'];

/** A remedy's record, as stored in Redis and returned by `GET /v1/remedies/:id`. */
export const RemedyRecordSchema = z.object({
  id: z.string(),
  request: ResolvedRemedyRequestSchema,
  state: RemedyStateSchema,
  /** 0 for the first run; one more per retry. */
  run: z.number().int().nonnegative(),
  playlistName: z.string().nullable(),
  progress: z.object({
    items: z.number().int().nonnegative().nullable(),
    unavailable: z.number().int().nonnegative().nullable(),
    matched: z.number().int().nonnegative(),
  }),
  timestamps: z.object({
    createdAt: z.string(),
    updatedAt: z.string(),
    fetchStartedAt: z.string().nullable(),
    matchStartedAt: z.string().nullable(),
    publishStartedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  }),
  error: z
    .object({
      step: z.string(),
      message: z.string(),
      at: z.string(),
    })
    .nullable(),
  snapshotRef: z.string().nullable(),
  /** The report once done; while the remedy awaits review, its proposed report. */
  reportRef: z.string().nullable(),
  /** A person's approval of a remedy in review mode; null before (and for other modes). */
  approval: ApprovalSchema.nullable(),
});
export type RemedyRecord = z.infer<typeof RemedyRecordSchema>;
