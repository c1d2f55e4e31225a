import { RedisStepCache } from '@tidal-remedy/cache';
import { TIDAL_CREDS_SECRET, type WorkerConfig } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import { RedisPipelineMetrics } from '@tidal-remedy/metrics';
import { type CacheVersions, cacheVersionsFrom, type PipelineDeps } from '@tidal-remedy/pipeline';
import { createRedisConnection, type QueueName } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { resolveJsonSecret } from '@tidal-remedy/secrets';
import {
  RedisRequestGate,
  RedisTokenStore,
  RequestStats,
  TidalClient,
  type TidalCredentials,
  TidalCredentialsSchema,
} from '@tidal-remedy/tidal';
import { WatchStore } from '@tidal-remedy/watches';
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** How a fetch or publish job meets a 429: up to 3 waits in place, each of at most 5 s. */
const LONG_JOB_RATE_LIMIT = { maxRetries: 3, maxWaitMs: 5_000 };

/** What a pipeline worker shares between its jobs. */
export interface WorkerContext {
  config: WorkerConfig;
  logger: Logger;
  redis: Redis;
  prefix: string;
  versions: CacheVersions;
  cache: RedisStepCache;
  store: RemedyStore;
  watches: WatchStore;
  metrics: RedisPipelineMetrics;
  flows: FlowProducer;
  /** A queue to add jobs to (opened on first use, over the worker's connection). */
  queue(name: QueueName): Queue;
  /**
   * A TIDAL client for one job: its own request counts, the token shared by every replica. A 429 pauses
   * the shared gate (every replica holds off) and fails the job, whose worker then pauses its queue for
   * Retry-After; with `waitOutRateLimit`, a 429 asking for a short wait is waited out in the job instead:
   * for the jobs (fetch, publish) that make hundreds of calls, all of which a retry would make again.
   */
  tidalForJob(options?: { waitOutRateLimit?: boolean }): TidalClient;
  /** The step dependencies for a job's client. */
  depsFor(tidal: TidalClient): PipelineDeps;
  close(): Promise<void>;
}

/**
 * Connects a worker: Redis (waiting through restarts), the step cache, remedy records, metrics, and the
 * TIDAL credentials from the secrets lib, read once at start so a missing or bad secret stops the worker
 * with a message naming where it looked, instead of failing every job.
 */
export async function createWorkerContext(config: WorkerConfig, logger: Logger): Promise<WorkerContext> {
  const credentials: TidalCredentials = await resolveJsonSecret(TidalCredentialsSchema, {
    ...TIDAL_CREDS_SECRET,
    path: config.TIDAL_CREDS_PATH,
    logger,
  });
  const redis = createRedisConnection(config.REDIS_URL, 'worker');
  const prefix = config.REDIS_PREFIX;
  const metrics = new RedisPipelineMetrics(redis, prefix, logger);
  const tokenStore = new RedisTokenStore(redis, { prefix });
  const gate = new RedisRequestGate(
    redis,
    { perSecond: config.TIDAL_RATE_LIMIT_PER_SECOND, burst: config.TIDAL_RATE_LIMIT_BURST },
    prefix,
  );
  const cache = new RedisStepCache(redis, { logger });
  const versions = cacheVersionsFrom(config);
  const flows = new FlowProducer({ connection: redis, prefix });
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName) => {
    let opened = queues.get(name);
    if (!opened) {
      opened = new Queue(name, { connection: redis, prefix });
      queues.set(name, opened);
    }
    return opened;
  };

  const tidalForJob = (options: { waitOutRateLimit?: boolean } = {}) =>
    new TidalClient({
      credentials,
      apiUrl: config.TIDAL_API_URL,
      authUrl: config.TIDAL_AUTH_URL,
      tokenStore,
      gate,
      timeoutMs: config.TIDAL_TIMEOUT_MS,
      // A 429 surfaces at once (the worker pauses its queue for Retry-After), unless the job would lose
      // too much by starting over: then a short wait (the gate holds every replica meanwhile) is better.
      rateLimit: options.waitOutRateLimit ? LONG_JOB_RATE_LIMIT : { maxRetries: 0 },
      stats: new RequestStats((event) => metrics.tidalRequest(event.endpoint, String(event.outcome))),
      logger,
    });

  return {
    config,
    logger,
    redis,
    prefix,
    versions,
    cache,
    store: new RemedyStore(redis, prefix),
    watches: new WatchStore(redis, prefix),
    metrics,
    flows,
    queue,
    tidalForJob,
    depsFor: (tidal) => ({ tidal, cache, prefix, versions, logger }),
    async close() {
      await Promise.all([...queues.values()].map((opened) => opened.close()));
      await flows.close();
      await metrics.close();
      await redis.quit();
    },
  };
}
