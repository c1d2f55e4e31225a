import {
  FetchJobSchema,
  MatchJobSchema,
  MatchResultSchema,
  PublishJobSchema,
  PublishResultSchema,
  WatchJobSchema,
  WatchTickResultSchema,
} from '@tidal-remedy/contracts';
import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { QUEUE_NAMES } from './queue-names.js';

const DAY_S = 24 * 60 * 60;

/**
 * Every job: bounded attempts with exponential backoff; completed jobs trimmed after a week; failed jobs
 * kept for 30 days, so a failure can be read and retried.
 */
const DEFAULT_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 7 * DAY_S, count: 50_000 },
  removeOnFail: { age: 30 * DAY_S },
};

const WATCH_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: DAY_S, count: 1_000 },
  removeOnFail: { age: 7 * DAY_S },
};

/**
 * The job catalog: each job's queue, payload schema, result schema and options, in one place. Enqueueing
 * and processing are typed from it, and a payload is validated where it is made and where it is read.
 */
export const JOBS = {
  fetch: {
    queue: QUEUE_NAMES.fetch,
    schema: FetchJobSchema,
    result: null,
    options: DEFAULT_OPTIONS,
  },
  match: {
    queue: QUEUE_NAMES.match,
    schema: MatchJobSchema,
    result: MatchResultSchema,
    // A match that keeps failing fails its remedy rather than leaving the publish step waiting forever.
    options: { ...DEFAULT_OPTIONS, failParentOnFailure: true },
  },
  /**
   * In review mode the publish job is also the review gate: its first run stores the proposed report and
   * parks the job in the delayed set until a person's approval promotes it (libs/remedies' review gate).
   */
  publish: {
    queue: QUEUE_NAMES.publish,
    schema: PublishJobSchema,
    result: PublishResultSchema,
    options: DEFAULT_OPTIONS,
  },
  /**
   * One tick of a watch's job scheduler: starts a remedy. Few attempts (the next tick comes anyway) and
   * little history: a watch lists its remedies itself.
   */
  watch: {
    queue: QUEUE_NAMES.watch,
    schema: WatchJobSchema,
    result: WatchTickResultSchema,
    options: WATCH_OPTIONS,
  },
} as const;

export type JobKind = keyof typeof JOBS;
export type JobData<Kind extends JobKind> = z.output<(typeof JOBS)[Kind]['schema']>;
export type JobResult<Kind extends JobKind> = (typeof JOBS)[Kind]['result'] extends z.ZodType
  ? z.output<Exclude<(typeof JOBS)[Kind]['result'], null>>
  : undefined;

/**
 * Deterministic job ids, so a repeated add is a no-op (BullMQ keeps the first). BullMQ forbids `:` and
 * all-digit ids; remedy ids start with `rem-`, so these are neither. `run` counts retries of a whole remedy.
 */
export const jobIds = {
  fetch: (remedyId: string, run = 0) => (run === 0 ? remedyId : `${remedyId}-r${run}`),
  publish: (remedyId: string, run = 0) => `${remedyId}-r${run}-publish`,
  match: (remedyId: string, position: number, run = 0) => `${remedyId}-r${run}-match-${position}`,
};
