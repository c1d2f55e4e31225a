import { RedisStepCache } from '@tidal-remedy/cache';
import { TIDAL_CREDS_SECRET, type WorkerConfig } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import { RedisPipelineMetrics } from '@tidal-remedy/metrics';
import { type PipelineDeps, pipelineDepsFrom } from '@tidal-remedy/pipeline';
import { createRedisConnection, type RedisConnection, RemedyQueues, watchRedis } from '@tidal-remedy/queue';
import { RemedyService } from '@tidal-remedy/remedies';
import { resolveJsonSecret } from '@tidal-remedy/secrets';
import { TidalCredentialsSchema } from '@tidal-remedy/tidal';
import { WatchStore } from '@tidal-remedy/watches';

/** How a fetch or publish job meets a 429: up to 3 waits in place, each of at most 5 s. */
const LONG_JOB_RATE_LIMIT = { maxRetries: 3, maxWaitMs: 5_000 };

/** What a pipeline worker shares between its jobs. */
export interface WorkerContext {
  config: WorkerConfig;
  logger: Logger;
  redis: RedisConnection;
  remedies: RemedyService;
  watches: WatchStore;
  queues: RemedyQueues;
  metrics: RedisPipelineMetrics;
  /**
   * The steps' dependencies for one job, with a TIDAL client of its own request counts. A 429 pauses the
   * shared gate (every replica holds off) and fails the job, whose worker then pauses its queue for
   * Retry-After; with `waitOutRateLimit`, a 429 asking for a short wait is waited out in the job instead:
   * for the jobs (fetch, publish) that make hundreds of calls, all of which a retry would make again.
   */
  depsForJob(options?: { waitOutRateLimit?: boolean }): PipelineDeps;
  close(): Promise<void>;
}

/**
 * Connects a worker: Redis (waiting through restarts), the step cache, remedy records, queues, metrics,
 * and the TIDAL credentials from the secrets lib, read once at start so a missing or bad secret stops the
 * worker with a message naming where it looked, instead of failing every job.
 */
export async function createWorkerContext(config: WorkerConfig, logger: Logger): Promise<WorkerContext> {
  const credentials = await resolveJsonSecret(TidalCredentialsSchema, {
    ...TIDAL_CREDS_SECRET,
    path: config.TIDAL_CREDS_PATH,
    logger,
  });
  const redis = createRedisConnection(config, 'worker');
  watchRedis(redis, logger, 'jobs wait until it is back');
  const prefix = config.REDIS_PREFIX;
  const metrics = new RedisPipelineMetrics(redis, prefix, logger);
  const cache = new RedisStepCache(redis, { logger });
  const queues = new RemedyQueues({ connection: redis, prefix });
  const remedies = new RemedyService({ redis, prefix, cache, queues, logger });
  const deps = pipelineDepsFrom(config, {
    credentials,
    cache,
    redis,
    logger,
    onRequest: (event) => metrics.tidalRequest(event.endpoint, String(event.outcome)),
  });
  return {
    config,
    logger,
    redis,
    remedies,
    watches: new WatchStore(redis, prefix),
    queues,
    metrics,
    // A 429 surfaces at once (the worker pauses its queue for Retry-After), unless the job would lose too
    // much by starting over: then a short wait (the gate holds every replica meanwhile) is better.
    depsForJob: (options = {}) =>
      deps({ rateLimit: options.waitOutRateLimit ? LONG_JOB_RATE_LIMIT : { maxRetries: 0 } }),
    async close() {
      await queues.close();
      await metrics.close();
      await redis.quit();
    },
  };
}
