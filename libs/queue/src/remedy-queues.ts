import type { FetchJob, MatchJob, PublishJob, WatchSchedule } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import { Queue, type RepeatOptions } from 'bullmq';
import type { z } from 'zod';
import { pendingChildrenKey, stageChildren } from './chunked-children.js';
import { JOBS, jobIds } from './job-catalog.js';
import { promoteIfParked } from './parking.js';
import { QUEUE_NAMES, type StepQueue } from './queue-names.js';
import { checkReadiness, type Readiness } from './readiness.js';
import type { RedisConnection } from './redis-connection.js';

/** Redis did not answer a queue operation within the deadline; the caller may try again shortly. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  constructor(what: string, deadlineMs: number) {
    super(`Redis did not answer within ${deadlineMs} ms while ${what}; try again in a few seconds.`);
  }
}

export interface RemedyQueuesOptions {
  connection: RedisConnection;
  prefix: string;
  /**
   * Gives up on an operation after this long, with a QueueUnavailableError. For the API, whose producer
   * connection fails commands at once while Redis is down, but whose queues would wait for it to come back.
   */
  deadlineMs?: number;
  /** Where queue connection errors go, at debug: the connection's own watcher reports Redis going away. */
  logger?: Logger;
}

/**
 * The payload as given, once the catalog's schema has accepted it; not the schema's copy, so a flow of
 * thousands of match jobs holds their payloads once while it is added (the worker parses each again).
 */
function checked<T>(schema: z.ZodType, data: T): T {
  schema.parse(data);
  return data;
}

/** A schedule in BullMQ's terms: `every` in milliseconds, or a cron `pattern` read in `tz` (UTC by default). */
export function repeatOptionsFor(schedule: WatchSchedule): Omit<RepeatOptions, 'key'> {
  if ('every' in schedule) return { every: Math.round(schedule.every * 60_000) };
  return { pattern: schedule.cron, tz: schedule.tz ?? 'UTC' };
}

/**
 * The pipeline's queues as the rest of the code uses them: every job, flow and job scheduler is added
 * here, with the catalog's payload check, options and deterministic job id, so a repeated add is a no-op.
 */
export class RemedyQueues {
  /** Each queue by step: for the queue board, the metrics, and tests that read jobs. */
  readonly byStep: Readonly<Record<StepQueue, Queue>>;

  constructor(private readonly options: RemedyQueuesOptions) {
    const open = (name: string) => {
      const queue = new Queue(name, { connection: options.connection, prefix: options.prefix });
      queue.on('error', (error) =>
        options.logger?.debug({ err: error, queue: name }, 'queue connection error'),
      );
      return queue;
    };
    this.byStep = {
      fetch: open(QUEUE_NAMES.fetch),
      match: open(QUEUE_NAMES.match),
      publish: open(QUEUE_NAMES.publish),
      watch: open(QUEUE_NAMES.watch),
    };
  }

  /** Adds the job that starts a remedy's run; adding it again (a replay, a repair, a retried tick) is a no-op. */
  async addFetch(job: FetchJob): Promise<void> {
    const data = JOBS.fetch.schema.parse(job);
    const options = { ...JOBS.fetch.options, jobId: jobIds.fetch(data.remedyId, data.run) };
    await this.within('adding a fetch job', this.byStep.fetch.add('fetch', data, options));
  }

  /** Whether the fetch job of a remedy's run is in its queue, in any state. */
  async hasFetch(remedyId: string, run: number): Promise<boolean> {
    const job = await this.within(
      'reading a fetch job',
      this.byStep.fetch.getJob(jobIds.fetch(remedyId, run)),
    );
    return job !== undefined;
  }

  /**
   * The hand-off after fetching: a publish job whose children are the match jobs, so matching spreads over
   * every matcher and the publish job runs once all have finished. Not one flow: the match jobs are staged
   * in a Redis list and the publish job adds them as its children in chunks (chunked-children.ts), so no
   * process holds thousands of jobs at once. Ids are fixed per run: a repeat is a no-op.
   */
  async addMatchFlow(publish: PublishJob, matches: readonly MatchJob[]): Promise<void> {
    const parent = JOBS.publish.schema.parse(publish);
    const jobId = jobIds.publish(parent.remedyId, parent.run);
    const handOff = async () => {
      // Already handed off (a retried fetch): its children may be added already, their list gone.
      if (await this.byStep.publish.getJob(jobId)) return;
      const staged = matches.map((match) => checked(JOBS.match.schema, match));
      await stageChildren(this.options.connection, pendingChildrenKey(this.options.prefix, jobId), staged);
      await this.byStep.publish.add('publish', parent, { ...JOBS.publish.options, jobId });
    };
    await this.within('adding the match flow', handOff());
  }

  /** Lets a remedy's publish job, parked at the review gate, run now; false when it is not parked. */
  async releaseReview(remedyId: string, run: number): Promise<boolean> {
    const release = async () => {
      const job = await this.byStep.publish.getJob(jobIds.publish(remedyId, run));
      return job ? promoteIfParked(job) : false;
    };
    return this.within('releasing a reviewed remedy', release());
  }

  /** Registers (or changes) a watch's job scheduler: one `watch` job at each tick, id = watch id. */
  async scheduleWatch(watchId: string, schedule: WatchSchedule): Promise<void> {
    const upsert = this.byStep.watch.upsertJobScheduler(watchId, repeatOptionsFor(schedule), {
      name: 'watch',
      data: JOBS.watch.schema.parse({ watchId }),
      opts: JOBS.watch.options,
    });
    await this.within('scheduling a watch', upsert);
  }

  /** Removes a watch's scheduler and its next tick; false when there was none. */
  async unscheduleWatch(watchId: string): Promise<boolean> {
    return this.within('removing a watch schedule', this.byStep.watch.removeJobScheduler(watchId));
  }

  /** When a watch's scheduler adds its next tick (ISO time), or null when it has none. */
  async nextWatchTick(watchId: string): Promise<string | null> {
    const scheduler = await this.within(
      'reading a watch schedule',
      this.byStep.watch.getJobScheduler(watchId),
    );
    return typeof scheduler?.next === 'number' ? new Date(scheduler.next).toISOString() : null;
  }

  /** Whether these queues can work now: a write and read under the prefix, then each queue (checkReadiness). */
  readiness(timeoutMs?: number): Promise<Readiness> {
    return checkReadiness({
      redis: this.options.connection,
      prefix: this.options.prefix,
      queues: Object.values(this.byStep),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byStep).map((queue) => queue.close()));
  }

  private async within<T>(what: string, operation: Promise<T>): Promise<T> {
    const { deadlineMs } = this.options;
    if (deadlineMs === undefined) return operation;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(what, deadlineMs)), deadlineMs);
    });
    try {
      return await Promise.race([operation, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
