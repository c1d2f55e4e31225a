import { RemedyIdSchema, RunSchema } from '@tidal-remedy/contracts';
import { type Logger, repeatLimitedLog } from '@tidal-remedy/log';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { addChildrenThenWait, CHILDREN } from './chunked-children.js';
import { ErrorBackoff } from './error-backoff.js';
import { JOBS, type JobData, type JobKind, type JobResult } from './job-catalog.js';
import { parkedError, parkJob, promoteIfParked } from './parking.js';
import type { RedisConnection } from './redis-connection.js';

/** Which remedy run a job belongs to: read on its own, so even a job whose payload is invalid has one. */
const JobRemedySchema = z.object({ remedyId: RemedyIdSchema, run: RunSchema });
export type JobRemedy = z.output<typeof JobRemedySchema>;

/** A failure that another attempt cannot fix (bad input, unknown playlist, rejected credentials). */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof Error && (error as { retryable?: unknown }).retryable === false;
}

/** A failure that says how long to wait before TIDAL takes another request (429 with Retry-After). */
export function retryAfterMsOf(error: unknown): number | null {
  const value = error instanceof Error ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof value === 'number' && value >= 0 ? value : null;
}

/** BullMQ's own reason for a job whose worker died more often than its worker allows. */
const STALLED_LIMIT_REASON = 'job stalled more than allowable limit';

/**
 * Attempts a job has used: the runs that ended in an error (BullMQ's attemptsMade) and the runs whose
 * worker died (killed, out of memory, lost its lock), which BullMQ counts apart as stalls.
 */
export function attemptsUsed(job: { attemptsMade: number; stalledCounter: number }): number {
  return job.attemptsMade + job.stalledCounter;
}

/** What is recorded when a job's worker died, for the attempt that starts now or for the end of the job. */
export function workerDeathMessage(kind: string, deaths: number, used: number, attempts: number): string {
  const died = `the ${kind} worker running this job died ${deaths === 1 ? 'once' : `${deaths} times`} (killed, out of memory, or cut off from Redis)`;
  return used >= attempts
    ? `${died}; all ${attempts} attempts are used, so the job failed for good; retry the remedy to run it again`
    : `${died}; running it again as attempt ${used + 1} of ${attempts}`;
}

/** What a handler may ask of the job it runs; BullMQ stays behind it. */
export interface StepJob {
  /** The job's id (deterministic, see jobIds; a scheduler's tick has one of BullMQ's making). */
  readonly id: string;
  /** What the job's children returned (a publish job's match jobs), as stored. */
  childResults(): Promise<unknown[]>;
  /**
   * Parks the job in the delayed set until `until`, using no attempt; the handler must then throw
   * `parked()` so the worker leaves it there. Promoted (see releaseIfParked), it runs again at once.
   */
  park(until: number): Promise<void>;
  parked(): Error;
  /** Lets the job run now if it is parked; false when it is not. */
  releaseIfParked(): Promise<boolean>;
}

function stepJob(job: Job, token: string | undefined): StepJob {
  return {
    id: job.id ?? `${job.name}-${job.timestamp}`,
    childResults: async () => Object.values(await job.getChildrenValues()),
    park: (until) => parkJob(job, token, until),
    parked: parkedError,
    releaseIfParked: () => promoteIfParked(job),
  };
}

export interface StepWorkerOptions<Kind extends JobKind> {
  kind: Kind;
  /** A `worker`-role connection (see createRedisConnection). */
  connection: RedisConnection;
  prefix: string;
  concurrency: number;
  logger: Logger;
  handle(data: JobData<Kind>, job: StepJob): Promise<JobResult<Kind>>;
  /**
   * Called when a job has failed its last attempt (or failed permanently, an invalid payload included):
   * the remedy is marked failed.
   */
  onFinalFailure?(remedy: JobRemedy, error: Error): Promise<void>;
  /** Told how each job ended, for metrics. */
  onOutcome?(outcome: 'completed' | 'failed' | 'retried' | 'rate-limited'): void;
  /**
   * How long a job's lock lasts without renewal (the worker renews it at half this while the job runs), and
   * how often the stalled-job check runs: a job whose worker died goes back to waiting within about twice
   * this. BullMQ's default (30 s) when absent.
   */
  lockDurationMs?: number;
}

export interface StepWorker {
  worker: Worker;
  /** Stops taking jobs, lets running ones finish, then closes the connections it opened. */
  close(): Promise<void>;
  isRunning(): boolean;
}

/**
 * Runs one step's queue. The payload is validated before the handler sees it (an invalid one fails at once
 * and is kept for inspection); a permanent failure is not retried; a rate-limited one pauses this queue
 * for TIDAL's Retry-After and goes back to waiting without using up an attempt.
 */
export function startStepWorker<Kind extends JobKind>(options: StepWorkerOptions<Kind>): StepWorker {
  const { kind, connection, prefix, concurrency, logger } = options;
  const spec = JOBS[kind];
  const attempts = spec.options.attempts ?? 1;
  const queue = new Queue(spec.queue, { connection, prefix });
  // Where this kind's children go, for a parent that adds them itself (chunked-children.ts).
  const childQueue =
    kind in CHILDREN
      ? new Queue(CHILDREN[kind as keyof typeof CHILDREN].queue, { connection, prefix })
      : null;

  const worker = new Worker(
    spec.queue,
    async (job: Job, token?: string) => {
      const parsed = spec.schema.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(
          `invalid ${kind} job payload: ${parsed.error.issues.map(describeIssue).join('; ')}`,
        );
      }
      const data = parsed.data as JobData<Kind>;
      // A worker's death counts as an attempt (design 4): the job is taken over by the stalled-job check
      // without BullMQ counting an attempt, so the deaths are added here, and a job out of attempts ends.
      const used = attemptsUsed(job);
      const log = logger.child({ ...subjectOf(data), jobId: job.id, attempt: used + 1 });
      if (job.stalledCounter > 0) {
        const message = workerDeathMessage(kind, job.stalledCounter, used, attempts);
        if (used >= attempts) throw new UnrecoverableError(message);
        log.warn({ deaths: job.stalledCounter }, message);
        await job.log(message).catch(() => undefined);
      }
      const started = performance.now();
      log.debug('job started');
      try {
        if (childQueue) await addChildrenThenWait(connection, prefix, job, token, childQueue);
        const result = await options.handle(data, stepJob(job, token));
        log.info({ durationMs: Math.round(performance.now() - started) }, 'job completed');
        return result;
      } catch (error) {
        const retryAfterMs = retryAfterMsOf(error);
        if (retryAfterMs !== null) {
          log.warn({ retryAfterMs }, 'TIDAL rate limit reached; pausing the queue');
          await queue.rateLimit(Math.max(retryAfterMs, 1));
          options.onOutcome?.('rate-limited');
          throw Worker.RateLimitError();
        }
        if (isPermanentFailure(error)) throw new UnrecoverableError((error as Error).message);
        // This failure uses an attempt too: with the deaths before it, none may be left.
        if (job.stalledCounter > 0 && used + 1 >= attempts && error instanceof Error) {
          throw new UnrecoverableError(
            `${error.message} (attempt ${used + 1} of ${attempts}, after ${workerDeathMessage(kind, job.stalledCounter, used, attempts).replace(/;.*$/, '')})`,
          );
        }
        throw error;
      }
    },
    {
      connection,
      prefix,
      concurrency,
      autorun: true,
      // Deaths are counted against the job's attempts in the processor above; BullMQ's own limit (which
      // fails a job on its second death with "job stalled more than allowable limit") is set past them.
      maxStalledCount: attempts,
      ...(options.lockDurationMs
        ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }
        : {}),
    },
  );

  worker.on('failed', (job, reported) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    // BullMQ's words, should its own stall limit be reached (a worker of another version, say), in ours.
    const error =
      reported.message === STALLED_LIMIT_REASON
        ? new UnrecoverableError(workerDeathMessage(kind, job.stalledCounter, attempts, attempts))
        : reported;
    const final =
      error instanceof UnrecoverableError ||
      error.name === 'UnrecoverableError' ||
      job.attemptsMade >= attempts;
    const log = logger.child({ jobId: job.id, attempt: job.attemptsMade });
    if (!final) {
      options.onOutcome?.('retried');
      log.warn({ err: error }, 'job failed; it will be retried');
      return;
    }
    options.onOutcome?.('failed');
    log.error({ err: error }, 'job failed for good; kept in the failed list');
    // An invalid payload (a job from another version, say) fails its remedy too: else it would show its
    // last state forever, with nobody left to move it on.
    const remedy = JobRemedySchema.safeParse(job.data);
    if (remedy.success && options.onFinalFailure) {
      options.onFinalFailure(remedy.data, error).catch((hookError: unknown) => {
        log.error({ err: hookError }, 'could not record the failure');
      });
    }
  });
  worker.on('completed', () => options.onOutcome?.('completed'));

  // Errors of the worker's and the queue's connections: logged once per kind, then counted (an outage or a
  // node answering MOVED reports the same error many times a second); repeated ones pause the worker.
  const reportError = repeatLimitedLog(logger);
  const backoff = new ErrorBackoff();
  let backingOff = false;
  let closing = false;
  worker.on('error', (error) => {
    reportError(error, 'worker error', { queue: spec.queue });
    const pauseMs = backoff.record();
    if (pauseMs === 0 || backingOff || closing) return;
    backingOff = true;
    logger.warn(
      { queue: spec.queue, pauseMs },
      'repeated Redis errors; this worker takes no job for a while',
    );
    worker
      .pause(true)
      .then(() => new Promise((resolve) => setTimeout(resolve, pauseMs)))
      .then(async () => {
        if (!closing) await worker.resume();
      })
      .catch((pauseError: unknown) =>
        reportError(pauseError, 'could not pause the worker', { queue: spec.queue }),
      )
      .finally(() => {
        backingOff = false;
      });
  });
  queue.on('error', (error) => reportError(error, 'queue error', { queue: spec.queue }));
  childQueue?.on('error', (error) => reportError(error, 'queue error', { queue: childQueue.name }));

  return {
    worker,
    // Backing off is part of running: readiness then reports what Redis answers, not a stopped worker.
    isRunning: () => worker.isRunning() || backingOff,
    async close() {
      closing = true;
      await worker.close();
      await queue.close();
      await childQueue?.close();
      reportError.close();
    },
  };
}

/** What a job is about, for its log lines: the remedy, or the watch. */
function subjectOf(data: unknown): { remedyId?: string; watchId?: string } {
  const { remedyId, watchId } = data as { remedyId?: unknown; watchId?: unknown };
  return {
    ...(typeof remedyId === 'string' ? { remedyId } : {}),
    ...(typeof watchId === 'string' ? { watchId } : {}),
  };
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.length > 0 ? issue.path.join('.') : '(payload)'}: ${issue.message}`;
}
