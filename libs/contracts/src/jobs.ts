import { z } from 'zod';
import { TrackSchema } from './domain.js';
import { ResolvedRemedyRequestSchema } from './request.js';

/**
 * A remedy id: BullMQ job ids are derived from it, and BullMQ forbids `:` and all-digit ids, so it is a
 * fixed `rem-` prefix and URL-safe characters.
 */
export const RemedyIdSchema = z
  .string()
  .regex(/^rem-[A-Za-z0-9_-]{6,64}$/, 'expected a remedy id such as rem-…');
export type RemedyId = z.infer<typeof RemedyIdSchema>;

/** A reference to a step output held by the cache (its full key). Payloads carry these, never the output. */
export const CacheRefSchema = z.string().min(1).max(512);

/** Which run of a remedy a job belongs to: 0 first, then one more per retry of the whole remedy. */
export const RunSchema = z.number().int().nonnegative();

export const FetchJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  request: ResolvedRemedyRequestSchema,
});
export type FetchJob = z.infer<typeof FetchJobSchema>;

/** One unavailable track to match. The original track is small and is the match step's whole input. */
export const MatchJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  position: z.number().int().nonnegative(),
  itemId: z.string(),
  original: TrackSchema,
  countryCode: z.string().length(2),
  refresh: z.boolean(),
});
export type MatchJob = z.infer<typeof MatchJobSchema>;

/** What a match job returns to its publish parent: where the decision lives. */
export const MatchResultSchema = z.object({
  position: z.number().int().nonnegative(),
  decisionRef: CacheRefSchema,
  cacheHit: z.boolean(),
  tidalCalls: z.number().int().nonnegative(),
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

export const PublishJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  request: ResolvedRemedyRequestSchema,
  snapshotRef: CacheRefSchema,
});
export type PublishJob = z.infer<typeof PublishJobSchema>;

/** What the publish job leaves behind: where the report lives. */
export const PublishResultSchema = z.object({
  reportRef: CacheRefSchema,
});
export type PublishResult = z.infer<typeof PublishResultSchema>;
