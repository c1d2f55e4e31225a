import { createLogger } from '@tidal-remedy/log';
import { createRedisConnection, RemedyQueues, startStepWorker } from '@tidal-remedy/queue';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import { SAMPLE_REQUEST, sampleTrack } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { kustomizeBuild, named, overlayDir } from './support/kustomize.js';
import { effectiveConfig } from './support/service-facts.js';

const redis = connectRedis();
const prefix = testPrefix('keda');

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('the KEDA trigger of the matcher', () => {
  it('watches the list where BullMQ puts the match jobs a fetcher adds', async () => {
    const objects = await kustomizeBuild(overlayDir('production-keda'));
    const scaledObject = named(objects, 'ScaledObject', 'matcher') as unknown as {
      spec: { triggers: Array<{ metadata: { listName: string } }> };
    };
    const listName = scaledObject.spec.triggers[0]?.metadata.listName ?? '';
    const deployedPrefix = effectiveConfig('matcher', {}).REDIS_PREFIX as string;
    expect(listName.startsWith(`${deployedPrefix}:`)).toBe(true);

    // The same key under a test prefix: the hand-off the fetcher makes, a publish job with two match children,
    // which the publish job adds itself (libs/queue/src/chunked-children.ts) before it waits for them.
    const connection = connectRedis();
    const queues = new RemedyQueues({ connection, prefix });
    const workerConnection = createRedisConnection(redisUrl(), 'worker');
    const publisher = startStepWorker({
      kind: 'publish',
      connection: workerConnection,
      prefix,
      concurrency: 1,
      logger: createLogger({ name: 'test', level: 'silent' }),
      handle: async () => ({ reportRef: `${prefix}:cache:report:v1:${'0'.repeat(64)}` }),
    });
    const remedy = { remedyId: 'rem-kedawaitlist', run: 0 };
    const match = (position: number) => ({
      ...remedy,
      positions: [position],
      original: sampleTrack({ id: String(1000 + position), available: false }),
      isrcTwin: null,
      countryCode: 'US',
      refresh: false,
      explicit: 'strict' as const,
    });
    try {
      await queues.addMatchFlow(
        {
          ...remedy,
          request: SAMPLE_REQUEST,
          snapshotRef: `${prefix}:cache:fetch:v1:${'0'.repeat(64)}`,
          fetch: { tidalCalls: {}, fetchCache: { hits: 0, misses: 1 }, matchCacheHits: 0, durationMs: 1 },
        },
        [match(1), match(2)],
      );
      const waitList = `${prefix}${listName.slice(deployedPrefix.length)}`;
      await waitUntil('the match jobs in the wait list', async () => (await redis.llen(waitList)) === 2);
    } finally {
      await publisher.close();
      await queues.close();
      connection.disconnect();
      workerConnection.disconnect();
    }
  });
});
