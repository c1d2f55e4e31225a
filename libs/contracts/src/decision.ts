import { z } from 'zod';
import { TrackSchema } from './domain.js';

/** The parts of a candidate's score, each in [0, 1]. */
export const ScorePartsSchema = z.object({
  title: z.number().min(0).max(1),
  artists: z.number().min(0).max(1),
  duration: z.number().min(0).max(1),
  version: z.number().min(0).max(1),
  explicit: z.number().min(0).max(1),
});
export type ScoreParts = z.infer<typeof ScorePartsSchema>;

/**
 * - `isrc`: the same recording (same ISRC) on another, available release;
 * - `match`: the best scored candidate, above the threshold and clear of the runner-up;
 * - `none`: nothing good enough; a wrong replacement is worse than none.
 */
export const DecisionKindSchema = z.enum(['isrc', 'match', 'none']);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

export const ScoredCandidateSchema = z.object({
  track: TrackSchema,
  score: z.number().min(0).max(1),
  parts: ScorePartsSchema,
});
export type ScoredCandidate = z.infer<typeof ScoredCandidateSchema>;

/** What the matcher decided for one unavailable track, with its reasons in words. */
export const MatchDecisionSchema = z.object({
  decision: DecisionKindSchema,
  replacement: TrackSchema.nullable(),
  score: z.number().min(0).max(1).nullable(),
  parts: ScorePartsSchema.nullable(),
  reasons: z.array(z.string()),
  runnersUp: z.array(ScoredCandidateSchema),
});
export type MatchDecision = z.infer<typeof MatchDecisionSchema>;
