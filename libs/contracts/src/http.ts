import { z } from 'zod';
import { RemedyIdSchema, RunSchema } from './jobs.js';
import { RemedyRecordSchema } from './remedy-record.js';
import { RemedyReportSchema } from './report.js';

/**
 * The bodies of the HTTP API (services/api) that clients read: the answer to an accepted remedy or retry,
 * a remedy's status, and every error.
 */

/** `202` to `POST /v1/remedies` and `POST /v1/remedies/:id/retry` (which adds the new `run`). */
export const RemedyAcceptedSchema = z.object({
  id: RemedyIdSchema,
  run: RunSchema.optional(),
  status_url: z.string(),
  report_url: z.string(),
});
export type RemedyAccepted = z.infer<typeof RemedyAcceptedSchema>;

/**
 * `GET /v1/remedies/:id`: the record, and the report once the remedy is done, or its proposed report while
 * it awaits review (the candidates a person may pick from are there); null otherwise.
 */
export const RemedyStatusSchema = RemedyRecordSchema.extend({
  report: RemedyReportSchema.nullable(),
});
export type RemedyStatus = z.infer<typeof RemedyStatusSchema>;

/** Every error: a stable code, a sentence saying what is wrong and what to do, and details or null. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
