import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { RemedyIdSchema } from './jobs.js';
import { PlaylistRefSchema } from './playlist-ref.js';
import {
  CountryCodeSchema,
  DEFAULT_COUNTRY_CODE,
  ExplicitPolicySchema,
  RemedyModeSchema,
  ResolvedRemedyRequestSchema,
  UnmatchedPolicySchema,
} from './request.js';

/** A watch id: also its BullMQ job scheduler's id, so no `:` and never all digits, as a remedy id. */
export const WatchIdSchema = z
  .string()
  .regex(/^wat-[A-Za-z0-9_-]{6,64}$/, 'expected a watch id such as wat-…');
export type WatchId = z.infer<typeof WatchIdSchema>;

/** The shortest interval a watch takes: one second (tests use it; a real watch runs hourly or daily). */
export const MIN_EVERY_MINUTES = 1 / 60;

/** Whether cron-parser, which BullMQ's job schedulers use, reads this expression (and time zone). */
function cronProblem(expression: string, tz: string | undefined): string | null {
  try {
    CronExpressionParser.parse(expression, tz === undefined ? {} : { tz }).next();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Minutes between runs; fractions allowed (0.5 is every 30 seconds), at least one second. */
const EveryMinutesSchema = z
  .number()
  .min(MIN_EVERY_MINUTES, 'expected minutes between runs, at least 1/60 (one second)')
  .max(366 * 24 * 60, 'expected at most a year between runs');

export type WatchSchedule = { cron: string; tz?: string } | { every: number };

/**
 * When a watch runs: a cron expression (a string, or `{ cron, tz? }` with an IANA time zone; UTC without
 * one) or `{ every: N }` minutes. One object with optional fields rather than a union, so a mistake gets a
 * message that names the field instead of "no option matched".
 */
export const WatchScheduleSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { cron: value } : value),
  z
    .object({
      cron: z.string().trim().min(1).max(200).optional(),
      tz: z.string().min(1).max(64).optional(),
      every: EveryMinutesSchema.optional(),
    })
    .strict()
    .superRefine((schedule, ctx) => {
      if ((schedule.cron === undefined) === (schedule.every === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'expected a cron expression ("0 6 * * *" or { "cron": … }) or { "every": <minutes> }, one of them',
        });
        return;
      }
      if (schedule.tz !== undefined && schedule.cron === undefined) {
        ctx.addIssue({ code: 'custom', path: ['tz'], message: 'tz goes with cron only' });
      }
      const problem = schedule.cron === undefined ? null : cronProblem(schedule.cron, schedule.tz);
      if (problem !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['cron'],
          message: `expected a cron expression such as "0 6 * * *" (minute hour day month weekday, optional seconds first)${schedule.tz === undefined ? '' : ' and an IANA time zone such as Europe/Oslo'}: ${problem}`,
        });
      }
    })
    .transform(
      (schedule): WatchSchedule =>
        schedule.every !== undefined
          ? { every: schedule.every }
          : { cron: schedule.cron!, ...(schedule.tz === undefined ? {} : { tz: schedule.tz }) },
    ),
);

/**
 * `POST /v1/watches`: a playlist to remedy on a schedule. Each run is an ordinary remedy with these
 * options. `refresh` is on by default: availability changes without the playlist changing, and the fetch
 * cache is keyed by the playlist's last edit, so a watch that read the cache would never see a track go grey.
 */
export const WatchRequestSchema = z
  .object({
    playlist: PlaylistRefSchema,
    mode: RemedyModeSchema,
    schedule: WatchScheduleSchema,
    unmatched: UnmatchedPolicySchema.default('keep'),
    countryCode: CountryCodeSchema.default(DEFAULT_COUNTRY_CODE),
    refresh: z.boolean().default(true),
    /** Absent means DEFAULT_EXPLICIT_POLICY, as on a remedy request. */
    explicit: ExplicitPolicySchema.optional(),
  })
  .strict();
export type WatchRequestInput = z.input<typeof WatchRequestSchema>;
export type WatchRequest = z.output<typeof WatchRequestSchema>;

/** A watch as `GET /v1/watches/:id` answers it. */
export const WatchSchema = z.object({
  id: WatchIdSchema,
  /** The remedy request each run starts. */
  request: ResolvedRemedyRequestSchema,
  schedule: WatchScheduleSchema,
  createdAt: z.string(),
  /** Remedies this watch started. */
  runs: z.number().int().nonnegative(),
  /** Ticks that started nothing because the previous run had not finished (or awaits review). */
  skipped: z.number().int().nonnegative(),
  lastRunAt: z.string().nullable(),
  /** When the scheduler runs it next; null when no scheduler is registered. */
  nextRunAt: z.string().nullable(),
  /** The latest remedies it started, newest first (at most RECENT_WATCH_RUNS). */
  recentRemedies: z.array(RemedyIdSchema),
});
export type Watch = z.infer<typeof WatchSchema>;

/** How many remedy ids a watch keeps. */
export const RECENT_WATCH_RUNS = 20;

/** `GET /v1/watches`: one page, oldest first; `nextCursor` asks for the next (null on the last page). */
export const WatchListSchema = z.object({ watches: z.array(WatchSchema), nextCursor: z.string().nullable() });

/** `GET /v1/watches` query: `limit` (1 to 500, default 100) and the `cursor` of the page before. */
export const WatchListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
export type WatchList = z.infer<typeof WatchListSchema>;

/** The job a watch's scheduler adds at each tick (queue `remedy-watch`). */
export const WatchJobSchema = z.object({ watchId: WatchIdSchema });
export type WatchJob = z.infer<typeof WatchJobSchema>;

/** What one tick did: the remedy it started, or why it started none. */
export const WatchTickResultSchema = z.object({
  remedyId: RemedyIdSchema.nullable(),
  skipped: z.enum(['previous-run-unfinished', 'watch-deleted']).nullable(),
});
export type WatchTickResult = z.infer<typeof WatchTickResultSchema>;
