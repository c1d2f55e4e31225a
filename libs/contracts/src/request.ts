import { z } from 'zod';
import { PlaylistRefSchema } from './playlist-ref.js';

/**
 * How the corrected playlist is written:
 * - `new`: a new playlist `<name> (remedied)`; the original is never touched;
 * - `in-place`: each unavailable item of the original is replaced at its position;
 * - `dry-run`: nothing is written; the report says what would be done.
 */
export const PublishModeSchema = z.enum(['new', 'in-place', 'dry-run']);
export type PublishMode = z.infer<typeof PublishModeSchema>;

/**
 * How a remedy runs: one of the publish modes, or `review`: fetch and match, then wait (state
 * `awaiting-review`) until a person approves, possibly changing decisions, and picks `new` or `in-place`.
 */
export const RemedyModeSchema = z.enum([...PublishModeSchema.options, 'review']);
export type RemedyMode = z.infer<typeof RemedyModeSchema>;

/** The modes a reviewed remedy can be published in. */
export const ReviewedPublishModeSchema = z.enum(['new', 'in-place']);
export type ReviewedPublishMode = z.infer<typeof ReviewedPublishModeSchema>;

/** What happens to an unavailable track with no replacement: kept (stays grey) or dropped. */
export const UnmatchedPolicySchema = z.enum(['keep', 'drop']);
export type UnmatchedPolicy = z.infer<typeof UnmatchedPolicySchema>;

/**
 * Whether a replacement may differ from the original in explicitness:
 * - `strict` (default): a clean original is never replaced by an explicit track (an explicit original may
 *   still get its clean version when no explicit copy exists), since someone chose the clean one;
 * - `allow`: the other explicitness may replace the original when everything else agrees; the report
 *   flags each such replacement and counts it as needing attention.
 */
export const ExplicitPolicySchema = z.enum(['strict', 'allow']);
export type ExplicitPolicy = z.infer<typeof ExplicitPolicySchema>;
export const DEFAULT_EXPLICIT_POLICY: ExplicitPolicy = 'strict';

export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as US or GB')
  .transform((code) => code.toUpperCase());

export const DEFAULT_COUNTRY_CODE = 'US';

/** A remedy request as a client sends it (HTTP body, CLI flags). */
export const RemedyRequestSchema = z
  .object({
    playlist: PlaylistRefSchema,
    mode: RemedyModeSchema.default('new'),
    unmatched: UnmatchedPolicySchema.default('keep'),
    countryCode: CountryCodeSchema.default(DEFAULT_COUNTRY_CODE),
    refresh: z.boolean().default(false),
    /** Absent means DEFAULT_EXPLICIT_POLICY (`strict`); kept absent, so older records read the same. */
    explicit: ExplicitPolicySchema.optional(),
  })
  .strict();
export type RemedyRequestInput = z.input<typeof RemedyRequestSchema>;
export type RemedyRequest = z.output<typeof RemedyRequestSchema>;

/** The request once parsed: the playlist is an id, every option has its value. */
export const ResolvedRemedyRequestSchema = z.object({
  playlist: z.string().min(1),
  mode: RemedyModeSchema,
  unmatched: UnmatchedPolicySchema,
  countryCode: z.string().length(2),
  refresh: z.boolean(),
  /** Absent (a request stored before the option existed) means DEFAULT_EXPLICIT_POLICY. */
  explicit: ExplicitPolicySchema.optional(),
  /** Where countryCode came from; absent: given with the request (or its default). */
  countrySource: z.enum(['request', 'account', 'default']).optional(),
});
export type ResolvedRemedyRequest = z.output<typeof ResolvedRemedyRequestSchema>;
