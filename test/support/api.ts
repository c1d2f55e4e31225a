import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { closeServer, listen, portOf, type ServerLimits } from '@tidal-remedy/api/http-server';
import { OPENAPI_DOCUMENT } from '@tidal-remedy/api/openapi';
import { wireApi } from '@tidal-remedy/api/wire-api';
import { cacheKey, RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyReport } from '@tidal-remedy/contracts';
import { createLogger } from '@tidal-remedy/log';
import {
  createRedisConnection,
  jobIds,
  type RedisConnection,
  type RedisTarget,
  type StepQueue,
} from '@tidal-remedy/queue';
import { REVIEW_WINDOW_MS, type RemedyStore } from '@tidal-remedy/remedies';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import { OpenApiCheck } from './openapi-check.js';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from './redis.js';

export const TEST_TOKEN = 'test-token-5f0c2b7e9a1d4c3b8e6f';

export interface TestApiOptions {
  /** Default TEST_TOKEN; null runs the API with auth off. */
  authToken?: string | null;
  /** Prometheus's credential for GET /metrics; default none (METRICS_SCRAPE_AUTH off). */
  scrapeToken?: string | null;
  /** Default the test Redis; point it at a closed port to see the API with Redis down. */
  redisUrl?: string;
  /** A Redis Cluster or Sentinel set instead (test/support/redis-cluster.ts, redis-sentinel.ts). */
  redis?: RedisTarget;
  /** The key prefix; default a fresh one. */
  prefix?: string;
  /** Whether to wait for the Redis connection before answering (default true; false for a Redis down). */
  waitForRedis?: boolean;
  publicUrl?: string | null;
  /** The HTTP server's timeouts and connection cap; default the API's defaults. */
  serverLimits?: ServerLimits;
  /** Express's trust proxy (TRUST_PROXY); default false. */
  trustProxy?: boolean | number | string;
  /** The most watches kept (WATCH_LIMIT); default the API's. */
  watchLimit?: number;
  /** QUEUE_BOARD_WRITABLE; default false. */
  queueBoardWritable?: boolean;
}

/**
 * The API as main.ts wires it, on a free port, against the test Redis under a fresh prefix. Every answer
 * it gives is held to its OpenAPI document (openapi-check.ts): `close()` fails when one does not fit.
 */
export interface TestApi {
  url: string;
  prefix: string;
  /** The API's own producer connection. */
  redis: RedisConnection;
  /** A separate connection for the test's own setup and checks. */
  admin: RedisConnection;
  store: RemedyStore;
  /** Each pipeline queue by step, to read its jobs. */
  queues: Readonly<Record<StepQueue, Queue>>;
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
  const prefix = options.prefix ?? testPrefix('api');
  const logs: string[] = [];
  const logger = createLogger({
    name: 'api',
    level: 'debug',
    destination: { write: (line) => logs.push(line) },
  });

  const api = wireApi({
    redis: options.redis ?? options.redisUrl ?? redisUrl(),
    prefix,
    logger,
    authToken,
    scrapeToken: options.scrapeToken ?? null,
    publicUrl: options.publicUrl ?? null,
    trustProxy: options.trustProxy ?? false,
    ...(options.watchLimit === undefined ? {} : { watchLimit: options.watchLimit }),
    queueBoardWritable: options.queueBoardWritable ?? false,
  });
  if (options.waitForRedis ?? true) await new Promise((resolve) => api.redis.once('ready', resolve));
  const check = new OpenApiCheck(OPENAPI_DOCUMENT);
  const checked = express().disable('x-powered-by').use(check.middleware()).use(api.app);
  const server: Server = await listen(checked, 0, options.serverLimits);
  // On a Cluster or Sentinel set of the test's own, which it throws away after, nothing is deleted.
  const admin = options.redis ? createRedisConnection(options.redis, 'worker') : connectRedis();
  // Its errors surface as the failing commands' own (a test that stops Redis on purpose meets them).
  admin.on('error', (error: Error) => error);
  const { store } = api.remedies;
  const cache = new RedisStepCache(admin);
  const queues = api.queues.byStep;

  /** A remedy's record as a step left it, with its report cached under `reportRef`. */
  const recorded = async (
    report: RemedyReport,
    mode: RemedyReport['mode'],
    reportRef: (id: string) => string,
  ) => {
    const { record } = await store.create({
      playlist: report.playlist.id,
      mode,
      unmatched: report.unmatched,
      countryCode: report.countryCode,
      refresh: false,
    });
    const ref = reportRef(record.id);
    await cache.set(ref, {
      ...report,
      remedyId: record.id,
      ...(mode === 'review' ? { mode, published: null } : {}),
    });
    return { id: record.id, ref };
  };

  return {
    url: `http://127.0.0.1:${portOf(server)}`,
    prefix,
    redis: api.redis,
    admin,
    store,
    queues,
    logs,
    auth: authToken === null ? {} : { authorization: `Bearer ${authToken}` },
    async finishRemedy(report) {
      const { id, ref } = await recorded(report, report.mode, (remedyId) =>
        cacheKey({ prefix, step: 'publish', version: 'test', inputs: { remedyId } }),
      );
      const { items, unavailable } = report.counts;
      await store.setState(id, 0, 'publishing', { playlistName: report.playlist.name, items, unavailable });
      await store.setState(id, 0, 'done', { reportRef: ref });
      return id;
    },
    async awaitReview(proposed) {
      const { id, ref } = await recorded(proposed, 'review', (remedyId) =>
        cacheKey({ prefix, step: 'report', version: 'test', inputs: { proposed: remedyId } }),
      );
      const { items, unavailable } = proposed.counts;
      await store.setState(id, 0, 'matching', { playlistName: proposed.playlist.name, items, unavailable });
      await store.setState(id, 0, 'awaiting-review', { reportRef: ref });
      await queues.publish.add(
        'publish',
        { remedyId: id },
        { jobId: jobIds.publish(id, 0), delay: REVIEW_WINDOW_MS },
      );
      return id;
    },
    async close() {
      await closeServer(server);
      await api.close();
      if (!options.redis) await deletePrefix(admin as Redis, prefix);
      admin.disconnect();
      if (check.problems.length > 0) {
        throw new Error(
          `answers the OpenAPI document (GET /openapi.json) does not describe:\n${check.problems.join('\n')}`,
        );
      }
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
