import { createLogger } from '@tidal-remedy/log';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIds } from './job-catalog.js';
import { RemedyQueues } from './remedy-queues.js';
import { attemptsUsed, type JobRemedy, startStepWorker, workerDeathMessage } from './step-worker.js';

const prefix = testPrefix('step-worker');
let redis: Redis;
beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('a worker that died counts as an attempt', () => {
  it('adds the deaths to the failed runs', () => {
    expect(attemptsUsed({ attemptsMade: 1, stalledCounter: 2 })).toBe(3);
    expect(workerDeathMessage('match', 1, 1, 5)).toBe(
      'the match worker running this job died once (killed, out of memory, or cut off from Redis); running it again as attempt 2 of 5',
    );
  });

  it('fails a job whose workers died as often as it has attempts, saying so and what to do', async () => {
    const queues = new RemedyQueues({ connection: redis, prefix });
    const remedyId = 'rem-stepworker-deaths';
    await queues.addFetch({
      remedyId,
      run: 0,
      request: { playlist: 'p1', mode: 'dry-run', unmatched: 'keep', countryCode: 'US', refresh: false },
    });
    // Five workers died running it (BullMQ's stalled-job check counts them in the job's hash).
    await redis.hset(`${prefix}:remedy-fetch:${jobIds.fetch(remedyId)}`, 'stc', 5);
    let ran = false;
    let failed: (value: { remedy: JobRemedy; error: Error }) => void = () => undefined;
    const failure = new Promise<{ remedy: JobRemedy; error: Error }>((resolve) => {
      failed = resolve;
    });
    const worker = startStepWorker({
      kind: 'fetch',
      connection: redis.duplicate({ maxRetriesPerRequest: null }),
      prefix,
      concurrency: 1,
      logger: createLogger({ name: 'test', level: 'silent' }),
      handle: async () => {
        ran = true;
        return undefined;
      },
      onFinalFailure: async (remedy, error) => failed({ remedy, error }),
    });
    const { remedy, error } = await failure;
    await worker.close();
    await queues.close();
    expect(ran).toBe(false);
    expect(remedy).toEqual({ remedyId, run: 0 });
    expect(error.message).toBe(
      'the fetch worker running this job died 5 times (killed, out of memory, or cut off from Redis); all 5 attempts are used, so the job failed for good; retry the remedy to run it again',
    );
  });
});
