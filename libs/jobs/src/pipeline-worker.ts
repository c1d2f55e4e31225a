import type { WorkerConfig } from '@tidal-remedy/config';
import type { StepName } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import {
  JOBS,
  type JobData,
  type JobKind,
  type JobResult,
  redisAnswers,
  startStepWorker,
} from '@tidal-remedy/queue';
import { type RunningService, startHealthServer } from '@tidal-remedy/runtime';
import type { Job } from 'bullmq';
import { createWorkerContext, type WorkerContext } from './worker-context.js';

export type JobHandler<Kind extends JobKind> = (
  ctx: WorkerContext,
  data: JobData<Kind>,
  job: Job,
) => Promise<JobResult<Kind>>;

/**
 * Starts one step's worker with everything around it: connections, the health endpoint (ready while Redis
 * answers and the worker runs), job-outcome metrics, and the remedy marked failed, with the reason, when a
 * job fails for good. Stopping lets running jobs finish, then closes the connections.
 */
export async function startPipelineWorker<Kind extends JobKind & StepName>(
  kind: Kind,
  config: WorkerConfig,
  logger: Logger,
  handle: JobHandler<Kind>,
): Promise<RunningService> {
  const ctx = await createWorkerContext(config, logger);
  const worker = startStepWorker({
    kind,
    connection: ctx.redis,
    prefix: ctx.prefix,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    logger,
    handle: (data, job) => handle(ctx, data, job),
    onOutcome: (outcome) => ctx.metrics.jobOutcome(JOBS[kind].queue, outcome),
    async onFinalFailure({ remedyId, run }, error) {
      await ctx.store.fail(remedyId, run, kind, error.message);
    },
  });
  const health = await startHealthServer(
    config.HEALTH_PORT,
    async () => worker.isRunning() && (await redisAnswers(ctx.redis)),
  );
  logger.info(
    { queue: JOBS[kind].queue, concurrency: config.WORKER_CONCURRENCY, healthPort: health.port },
    'worker running',
  );
  return {
    async stop() {
      await worker.close();
      await health.close();
      await ctx.close();
    },
  };
}
