import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { cacheKey, RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyReport } from '@tidal-remedy/contracts';
import { createLogger } from '@tidal-remedy/log';
import { createMetricsRegistry } from '@tidal-remedy/metrics';
import { createRedisConnection, jobIds, REVIEW_WINDOW_MS } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { WatchStore } from '@tidal-remedy/watches';
import type { Redis } from 'ioredis';
import { connectRedis, deletePrefix, REDIS_URL, testPrefix } from '../../../test/support/redis.js';
import { createApp } from './app.js';
import { closeServer, listen, portOf } from './http-server.js';
import { closePipelineQueues, openPipelineQueues, type PipelineQueues } from './pipeline-queues.js';
import { closeRedis, watchRedis } from './redis-lifecycle.js';

export const TEST_TOKEN = 'test-token-5f0c2b7e9a1d4c3b8e6f';

export interface TestApiOptions {
  /** Default TEST_TOKEN; null runs the API with auth off. */
  authToken?: string | null;
  /** Prometheus's credential for GET /metrics; default none (METRICS_SCRAPE_AUTH off). */
  scrapeToken?: string | null;
  /** Default the test Redis; point it at a closed port to see the API with Redis down. */
  redisUrl?: string;
  /** Whether to wait for the Redis connection before answering (default true; false for a Redis down). */
  waitForRedis?: boolean;
  publicUrl?: string | null;
}

/** The API as main.ts wires it, on a free port, against real Redis under a fresh prefix. */
export interface TestApi {
  url: string;
  prefix: string;
  /** The API's own producer connection. */
  redis: Redis;
  /** A separate connection for the test's own setup and checks. */
  admin: Redis;
  store: RemedyStore;
  cache: RedisStepCache;
  queues: PipelineQueues;
  /** Every line the API logged. */
  logs: string[];
  /** Headers with the bearer token. */
  auth: Record<string, string>;
  /**
   * A remedy as the workers leave it when done: its report in the cache, its record `done` with the
   * report's reference. Returns the remedy's id.
   */
  finishRemedy(report: RemedyReport): Promise<string>;
  /**
   * A remedy in review mode as the publisher leaves it at the review gate: its proposed report in the
   * cache, its record `awaiting-review`, and its publish job parked in the delayed set. Returns its id.
   */
  awaitReview(proposed: RemedyReport): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const authToken = options.authToken === undefined ? TEST_TOKEN : options.authToken;
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const prefix = testPrefix('api');
  const logs: string[] = [];
  const logger = createLogger({
    name: 'api',
    level: 'debug',
    destination: { write: (line) => logs.push(line) },
  });

  const redis = createRedisConnection(redisUrl, 'producer');
  watchRedis(redis, logger);
  if (options.waitForRedis ?? true) await new Promise((resolve) => redis.once('ready', resolve));
  const queues = openPipelineQueues(redis, prefix, logger);
  const store = new RemedyStore(redis, prefix);
  const watches = new WatchStore(redis, prefix);
  const cache = new RedisStepCache(redis, { logger });
  const app = createApp({
    redis,
    store,
    watches,
    queues,
    cache,
    metrics: createMetricsRegistry({ redis, prefix, queues: Object.values(queues) }),
    logger,
    authToken,
    scrapeToken: options.scrapeToken ?? null,
    publicUrl: options.publicUrl ?? null,
  });
  const server: Server = await listen(app, 0);
  const admin = connectRedis();

  return {
    url: `http://127.0.0.1:${portOf(server)}`,
    prefix,
    redis,
    admin,
    store,
    cache,
    queues,
    logs,
    auth: authToken === null ? {} : { authorization: `Bearer ${authToken}` },
    async finishRemedy(report) {
      const { record } = await store.create({
        playlist: report.playlist.id,
        mode: report.mode,
        unmatched: report.unmatched,
        countryCode: report.countryCode,
        refresh: false,
      });
      const reportRef = cacheKey({
        prefix,
        step: 'publish',
        version: 'test',
        inputs: { remedyId: record.id },
      });
      await cache.set(reportRef, { ...report, remedyId: record.id });
      const { items, unavailable } = report.counts;
      await store.setState(record.id, 0, 'publishing', {
        playlistName: report.playlist.name,
        items,
        unavailable,
      });
      await store.setState(record.id, 0, 'done', { reportRef });
      return record.id;
    },
    async awaitReview(proposed) {
      const { record } = await store.create({
        playlist: proposed.playlist.id,
        mode: 'review',
        unmatched: proposed.unmatched,
        countryCode: proposed.countryCode,
        refresh: false,
      });
      const reportRef = cacheKey({
        prefix,
        step: 'report',
        version: 'test',
        inputs: { proposed: record.id },
      });
      await cache.set(reportRef, { ...proposed, mode: 'review', published: null, remedyId: record.id });
      const { items, unavailable } = proposed.counts;
      await store.setState(record.id, 0, 'matching', {
        playlistName: proposed.playlist.name,
        items,
        unavailable,
      });
      await store.setState(record.id, 0, 'awaiting-review', { reportRef });
      await queues.publish.add(
        'publish',
        { remedyId: record.id },
        { jobId: jobIds.publish(record.id, 0), delay: REVIEW_WINDOW_MS },
      );
      return record.id;
    },
    async close() {
      await closeServer(server);
      await closePipelineQueues(queues);
      await closeRedis(redis);
      await deletePrefix(admin, prefix);
      admin.disconnect();
    },
  };
}

/** A local port nothing listens on: a Redis URL pointing there is a Redis that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
