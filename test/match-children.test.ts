import type { MatchJob, MatchResult, PublishJob } from '@tidal-remedy/contracts';
import { createLogger } from '@tidal-remedy/log';
import {
  createRedisConnection,
  jobIds,
  RemedyQueues,
  type StepWorker,
  startStepWorker,
} from '@tidal-remedy/queue';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import { SAMPLE_REQUEST, sampleTrack } from '@tidal-remedy/test-support/remedy-fixtures';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The publish job's match children are not added as one flow (BullMQ builds a flow in memory, ~13 KB a
 * job): the fetch step stages them in Redis and the publish job adds them in chunks of 500, then waits
 * (libs/queue/src/chunked-children.ts). Over a real Redis, with real step workers.
 */

const TRACKS = 1_234; // three chunks, the last one short
const quiet = createLogger({ name: 'test', level: 'silent' });

let redis: Redis;
let connection: Redis;
let prefix: string;
let queues: RemedyQueues;
let workers: StepWorker[];

beforeEach(() => {
  redis = connectRedis();
  connection = createRedisConnection(redisUrl(), 'worker');
  prefix = testPrefix('children');
  queues = new RemedyQueues({ connection: redis, prefix });
  workers = [];
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  await queues.close();
  await deletePrefix(redis, prefix);
  connection.disconnect();
  redis.disconnect();
});

const remedy = { remedyId: 'rem-chunkedchildren', run: 0 };
const publishJob: PublishJob = {
  ...remedy,
  request: SAMPLE_REQUEST,
  snapshotRef: `{x}:cache:fetch:v1:${'0'.repeat(64)}`,
  fetch: { tidalCalls: {}, fetchCache: { hits: 0, misses: 1 }, matchCacheHits: 0, durationMs: 1 },
};
const matchJob = (position: number): MatchJob => ({
  ...remedy,
  positions: [position],
  original: sampleTrack({ id: String(100_000 + position), available: false }),
  isrcTwin: null,
  countryCode: 'US',
  refresh: false,
  explicit: 'strict',
});
const matches = Array.from({ length: TRACKS }, (_, position) => matchJob(position));

/** Match and publish workers; what each handler saw. */
function startWorkers(which: { match?: boolean; publish?: boolean } = { match: true, publish: true }) {
  const matched: number[] = [];
  const published: Array<{ children: number; matchedBefore: number }> = [];
  const common = { connection, prefix, concurrency: 8, logger: quiet };
  if (which.match) {
    workers.push(
      startStepWorker({
        ...common,
        kind: 'match',
        handle: async (data): Promise<MatchResult> => {
          matched.push(...data.positions);
          return {
            positions: data.positions,
            decisionRef: `{x}:cache:match:v1:${'1'.repeat(64)}`,
            cacheHit: false,
            tidalCalls: {},
          };
        },
      }),
    );
  }
  if (which.publish) {
    workers.push(
      startStepWorker({
        ...common,
        kind: 'publish',
        handle: async (_data, job) => {
          published.push({ children: (await job.childResults()).length, matchedBefore: matched.length });
          return { reportRef: `{x}:cache:report:v1:${'2'.repeat(64)}` };
        },
      }),
    );
  }
  return { matched, published };
}

const pendingKey = `pending-children:${jobIds.publish(remedy.remedyId)}`;

describe("a publish job's match children, added in chunks", () => {
  it('are staged, not added, by the hand-off; the publish job adds them all and runs once, after the last', async () => {
    await queues.addMatchFlow(publishJob, matches);
    expect(await redis.llen(`${prefix}:${pendingKey}`)).toBe(TRACKS);
    expect(await queues.byStep.match.count()).toBe(0);

    const { matched, published } = startWorkers();
    await waitUntil('the publish job to run', () => published.length === 1, { timeoutMs: 60_000 });
    expect(published[0]).toEqual({ children: TRACKS, matchedBefore: TRACKS });
    expect(new Set(matched).size).toBe(TRACKS);
    expect(matched).toHaveLength(TRACKS);
    expect(await redis.exists(`${prefix}:${pendingKey}`)).toBe(0);
    // Still once, a moment later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(published).toHaveLength(1);
  });

  it('lose none when a publish run died part way through adding them (its children already done)', async () => {
    await queues.addMatchFlow(publishJob, matches);
    // The dead run had added the first chunk, whose jobs then ran, and died before the rest.
    const parent = { id: jobIds.publish(remedy.remedyId), queue: queues.byStep.publish.qualifiedName };
    await queues.byStep.match.addBulk(
      matches.slice(0, 500).map((data) => ({
        name: 'match',
        data,
        opts: { jobId: jobIds.match(remedy.remedyId, data.positions[0] ?? 0), parent },
      })),
    );
    const { matched, published } = startWorkers({ match: true });
    await waitUntil('the first chunk to be matched', () => matched.length === 500, { timeoutMs: 60_000 });

    const publisher = startWorkers({ publish: true });
    await waitUntil('the publish job', () => publisher.published.length === 1, { timeoutMs: 60_000 });
    expect(publisher.published[0]?.children).toBe(TRACKS);
    expect(matched).toHaveLength(TRACKS);
    expect(new Set(matched).size).toBe(TRACKS);
    expect(published).toHaveLength(0);
  });

  it('are staged once: a repeated hand-off (a retried fetch) changes nothing', async () => {
    await queues.addMatchFlow(publishJob, matches);
    await queues.addMatchFlow(publishJob, matches.slice(0, 10));
    expect(await redis.llen(`${prefix}:${pendingKey}`)).toBe(TRACKS);
    expect(await queues.byStep.publish.count()).toBe(1);
  });

  it('a publish job without children runs at once', async () => {
    await queues.addMatchFlow(publishJob, []);
    const { published } = startWorkers();
    await waitUntil('the publish job', () => published.length === 1, { timeoutMs: 30_000 });
    expect(published[0]?.children).toBe(0);
  });
});
