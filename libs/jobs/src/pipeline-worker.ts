import type { WorkerConfig } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import {
  JOBS,
  type JobData,
  type JobKind,
  type JobResult,
  type StepJob,
  type StepWorker,
  startStepWorker,
} from '@tidal-remedy/queue';
import { type RunningService, startHealthServer } from '@tidal-remedy/runtime';
import { createWorkerContext, type WorkerContext } from './worker-context.js';

export type JobHandler<Kind extends JobKind> = (
  ctx: WorkerContext,
  data: JobData<Kind>,
  job: StepJob,
) => Promise<JobResult<Kind>>;

/** One queue a process works on, and its handler; made by `handlerFor`, which keeps the two in step. */
export interface QueueHandler {
  kind: JobKind;
  start(ctx: WorkerContext, config: WorkerConfig, logger: Logger): StepWorker;
}

export function handlerFor<Kind extends JobKind>(kind: Kind, handle: JobHandler<Kind>): QueueHandler {
  return {
    kind,
    start: (ctx, config, logger) =>
      startStepWorker({
        kind,
        connection: ctx.redis,
        prefix: config.REDIS_PREFIX,
        concurrency: config.WORKER_CONCURRENCY,
        lockDurationMs: config.WORKER_LOCK_DURATION_MS,
        logger,
        handle: (data, job) => handle(ctx, data, job),
        onOutcome: (outcome) => ctx.metrics.jobOutcome(JOBS[kind].queue, outcome),
        // Called for jobs that belong to a remedy; a failed watch tick is only logged (the next tick comes).
        async onFinalFailure({ remedyId, run }, error) {
          await ctx.remedies.store.fail(remedyId, run, kind, error.message);
        },
      }),
  };
}

/**
 * Starts a worker process's queues with everything around them: connections, the health endpoint (ready
 * while every worker runs and its queues work: a write and read under the prefix, each queue), job-outcome metrics, and the remedy marked failed, with the
 * reason, when a job fails for good. Stopping lets running jobs finish, then closes the connections.
 */
export async function startPipelineWorker(
  config: WorkerConfig,
  logger: Logger,
  ...handlers: QueueHandler[]
): Promise<RunningService> {
  const ctx = await createWorkerContext(config, logger);
  const workers = handlers.map((handler) => handler.start(ctx, config, logger));
  const health = await startHealthServer(config.HEALTH_PORT, async () => {
    const stopped = workers.filter((worker) => !worker.isRunning());
    if (stopped.length > 0) return { ready: false, checks: { workers: `${stopped.length} not running` } };
    return ctx.queues.readiness();
  });
  logger.info(
    {
      queues: handlers.map((handler) => JOBS[handler.kind].queue),
      concurrency: config.WORKER_CONCURRENCY,
      healthPort: health.port,
    },
    'worker running',
  );
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.close()));
      await health.close();
      await ctx.close();
    },
  };
}
