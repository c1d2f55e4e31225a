import { z } from 'zod';
import { TrackSchema } from './domain.js';
import { DEFAULT_EXPLICIT_POLICY, ExplicitPolicySchema, ResolvedRemedyRequestSchema } from './request.js';

/**
 * A remedy id: BullMQ job ids are derived from it, and BullMQ forbids `:` and all-digit ids, so it is a
 * fixed `rem-` prefix and URL-safe characters.
 */
export const RemedyIdSchema = z
  .string()
  .regex(/^rem-[A-Za-z0-9_-]{6,64}$/, 'expected a remedy id such as rem-…');
export type RemedyId = z.infer<typeof RemedyIdSchema>;

/**
 * A reference to a step output held by the cache (its full key, `<prefix>:cache:<step>:<version>:<sha256>`,
 * as libs/cache makes it). Payloads carry these, never the output; anything else in their place (a path, a
 * key of another kind) is refused where the payload is read.
 */
export const CacheRefSchema = z
  .string()
  .max(512)
  .regex(
    /^\{[^{}]+\}:cache:[a-z][a-z0-9-]*:[A-Za-z0-9._-]+:[0-9a-f]{64}$/,
    'expected a cache reference such as {tidal-remedy}:cache:fetch:v1:<sha256>',
  );

/** Which run of a remedy a job belongs to: 0 first, then one more per retry of the whole remedy. */
export const RunSchema = z.number().int().nonnegative();

export const FetchJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  request: ResolvedRemedyRequestSchema,
});
export type FetchJob = z.infer<typeof FetchJobSchema>;

/** TIDAL calls one job made, by endpoint (`GET /tracks`): they add up to the report's figures. */
export const CallCountsSchema = z.record(z.string(), z.number().int().nonnegative());
export type CallCounts = z.infer<typeof CallCountsSchema>;

/**
 * One unavailable track to match (once, however many positions hold it). The original track is small and
 * is the match step's whole input, with the available release of the same recording if the fetcher's bulk
 * ISRC lookup found one.
 */
export const MatchJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  positions: z.array(z.number().int().nonnegative()).min(1),
  original: TrackSchema,
  isrcTwin: TrackSchema.nullable(),
  countryCode: z.string().length(2),
  refresh: z.boolean(),
  /** The remedy's explicitness policy; a job queued before the option existed decides as strict did. */
  explicit: ExplicitPolicySchema.default(DEFAULT_EXPLICIT_POLICY),
});
export type MatchJob = z.infer<typeof MatchJobSchema>;

/** What a match job returns to its publish parent: where the decision lives. */
export const MatchResultSchema = z.object({
  positions: z.array(z.number().int().nonnegative()),
  decisionRef: CacheRefSchema,
  cacheHit: z.boolean(),
  tidalCalls: CallCountsSchema,
});
export type MatchResult = z.infer<typeof MatchResultSchema>;

const HitsSchema = z.object({ hits: z.number().int().nonnegative(), misses: z.number().int().nonnegative() });

/** What the fetch job learned that the report needs, handed to the publish job. */
export const FetchOutcomeSchema = z.object({
  tidalCalls: CallCountsSchema,
  fetchCache: HitsSchema,
  /**
   * Match decisions already cached when the fetcher planned the matches. The decisions themselves are not
   * listed: their cache keys follow from the snapshot, so the payload stays small for any playlist size.
   */
  matchCacheHits: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type FetchOutcome = z.infer<typeof FetchOutcomeSchema>;

export const PublishJobSchema = z.object({
  remedyId: RemedyIdSchema,
  run: RunSchema,
  request: ResolvedRemedyRequestSchema,
  snapshotRef: CacheRefSchema,
  fetch: FetchOutcomeSchema,
});
export type PublishJob = z.infer<typeof PublishJobSchema>;

/** What the publish job leaves behind: where the report lives. */
export const PublishResultSchema = z.object({
  reportRef: CacheRefSchema,
});
export type PublishResult = z.infer<typeof PublishResultSchema>;
