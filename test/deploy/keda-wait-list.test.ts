import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { FlowProducer } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, deletePrefix, testPrefix } from '../support/redis.js';
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

    // The same key under a test prefix: a flow as the fetcher adds it, a publish job with match children.
    const connection = connectRedis();
    const flows = new FlowProducer({ connection, prefix });
    try {
      await flows.add({
        name: 'publish',
        queueName: QUEUE_NAMES.publish,
        data: {},
        children: [
          { name: 'match', queueName: QUEUE_NAMES.match, data: { n: 1 } },
          { name: 'match', queueName: QUEUE_NAMES.match, data: { n: 2 } },
        ],
      });
    } finally {
      await flows.close();
      connection.disconnect();
    }
    expect(await redis.llen(`${prefix}${listName.slice(deployedPrefix.length)}`)).toBe(2);
  });
});
