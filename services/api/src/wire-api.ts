import { RedisStepCache } from '@tidal-remedy/cache';
import type { Logger } from '@tidal-remedy/log';
import { createMetricsRegistry } from '@tidal-remedy/metrics';
import {
  closeRedis,
  createRedisConnection,
  type RedisConnection,
  type RedisTarget,
  RemedyQueues,
  watchRedis,
} from '@tidal-remedy/queue';
import { RemedyService } from '@tidal-remedy/remedies';
import { WatchStore } from '@tidal-remedy/watches';
import type { Express } from 'express';
import { createApp } from './app.js';

/** How long a request waits on a queue operation before it answers 503: never long. */
const QUEUE_DEADLINE_MS = 5_000;

export interface ApiOptions {
  /** Redis: a URL, or the configuration with a Cluster's nodes or Sentinels. */
  redis: RedisTarget;
  prefix: string;
  logger: Logger;
  /** The bearer token every route but the probes requires; null when API_AUTH is off. */
  authToken: string | null;
  /** Prometheus's credential, accepted on GET /metrics only; null when METRICS_SCRAPE_AUTH is off. */
  scrapeToken: string | null;
  /** Base of the links in responses; null to use the request's own host. */
  publicUrl: string | null;
  /** Whether the queue board may change queues and jobs (QUEUE_BOARD_WRITABLE); false when absent. */
  queueBoardWritable?: boolean;
  /** The most watches kept (WATCH_LIMIT); the store's default when absent. */
  watchLimit?: number;
  /** Express's `trust proxy` (TRUST_PROXY); false when absent. */
  trustProxy?: boolean | number | string;
}

/** The API's app and what it runs on, so a caller can listen, and close it all after. */
export interface WiredApi {
  app: Express;
  /** The producer connection (fails commands at once while Redis is down). */
  redis: RedisConnection;
  queues: RemedyQueues;
  remedies: RemedyService;
  close(): Promise<void>;
}

/** Wires the API: one producer connection, the queues, the remedy service, watches and metrics over it. */
export function wireApi(options: ApiOptions): WiredApi {
  const { prefix, logger } = options;
  const redis = createRedisConnection(options.redis, 'producer');
  watchRedis(redis, logger, 'requests that need it get 503 until it is back');
  const queues = new RemedyQueues({ connection: redis, prefix, deadlineMs: QUEUE_DEADLINE_MS, logger });
  const remedies = new RemedyService({
    redis,
    prefix,
    cache: new RedisStepCache(redis, { logger }),
    queues,
    logger,
  });
  const app = createApp({
    redis,
    remedies,
    watches: { store: new WatchStore(redis, prefix, options.watchLimit), queues },
    queues,
    metrics: createMetricsRegistry({ redis, prefix, queues: Object.values(queues.byStep) }),
    logger,
    authToken: options.authToken,
    scrapeToken: options.scrapeToken,
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    queueBoardWritable: options.queueBoardWritable ?? false,
  });
  return {
    app,
    redis,
    queues,
    remedies,
    async close() {
      await queues.close();
      await closeRedis(redis);
    },
  };
}
