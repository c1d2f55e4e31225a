import { RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyReport } from '@tidal-remedy/contracts';
import { RemedyQueues, type StepJob } from '@tidal-remedy/queue';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { SAMPLE_REQUEST, sampleReport } from '@tidal-remedy/test-support/remedy-fixtures';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemedyService } from './remedy-service.js';
import { REVIEW_WINDOW_MS } from './review-gate.js';

const prefix = testPrefix('gate');
let redis: Redis;
let queues: RemedyQueues;
let remedies: RemedyService;

beforeAll(() => {
  redis = connectRedis();
  queues = new RemedyQueues({ connection: redis, prefix });
  remedies = new RemedyService({ redis, prefix, cache: new RedisStepCache(redis), queues });
});
afterAll(async () => {
  await queues.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

class Parked extends Error {}

/**
 * The publish job as the gate sees it, BullMQ's part recorded: when it was parked until, and whether it
 * was released. `whileParking` runs as the job is parked: what another process does meanwhile.
 */
function publishJob(whileParking: () => Promise<unknown> = async () => undefined) {
  const seen = { parkedUntil: null as number | null, released: false };
  const job: StepJob = {
    id: 'publish',
    childResults: async () => [],
    park: async (until) => {
      seen.parkedUntil = until;
      await whileParking();
    },
    parked: () => new Parked(),
    releaseIfParked: async () => {
      seen.released = true;
      return true;
    },
  };
  return { job, seen };
}

async function matchedReviewRemedy(): Promise<string> {
  const { record } = await remedies.store.create({ ...SAMPLE_REQUEST, mode: 'review' });
  await remedies.store.setState(record.id, 0, 'matching');
  return record.id;
}

const proposal = (remedyId: string): RemedyReport =>
  sampleReport({ remedyId, mode: 'review', published: null });
const approval = { mode: 'new' as const, overrides: [], approvedAt: new Date().toISOString() };

describe('the review gate, the publish job’s side', () => {
  it('stores the proposal, awaits review, and parks the job for the review window', async () => {
    const id = await matchedReviewRemedy();
    const { job, seen } = publishJob();
    const before = Date.now();
    await expect(
      remedies.review.pass({ remedyId: id, run: 0 }, job, async () => proposal(id)),
    ).rejects.toThrow(Parked);
    const record = (await remedies.store.get(id))!;
    expect(record.state).toBe('awaiting-review');
    expect(await remedies.reportOf(record)).toEqual(proposal(id));
    expect(seen.parkedUntil).toBeGreaterThanOrEqual(before + REVIEW_WINDOW_MS);
    expect(seen.released).toBe(false);
  });

  it('releases itself when the approval came while it was being parked (nothing was there to release)', async () => {
    const id = await matchedReviewRemedy();
    const { job, seen } = publishJob(() => remedies.store.approve(id, 0, approval));
    await expect(
      remedies.review.pass({ remedyId: id, run: 0 }, job, async () => proposal(id)),
    ).rejects.toThrow(Parked);
    expect(seen.released).toBe(true);
  });

  it('lets the approved run through, with the proposal the person approved', async () => {
    const id = await matchedReviewRemedy();
    await expect(
      remedies.review.pass({ remedyId: id, run: 0 }, publishJob().job, async () => proposal(id)),
    ).rejects.toThrow(Parked);
    await remedies.store.approve(id, 0, approval);
    const passage = await remedies.review.pass({ remedyId: id, run: 0 }, publishJob().job, async () => {
      throw new Error('an approved run proposes nothing again');
    });
    expect(passage).toEqual({ kind: 'approved', approval, proposed: proposal(id) });
  });

  it('closes for a run a retry has superseded, without parking', async () => {
    const id = await matchedReviewRemedy();
    await remedies.store.fail(id, 0, 'match', 'gone');
    await remedies.store.startNextRun(id);
    const { job, seen } = publishJob();
    const passage = await remedies.review.pass({ remedyId: id, run: 0 }, job, async () => proposal(id));
    expect(passage.kind).toBe('superseded');
    expect(seen.parkedUntil).toBeNull();
  });

  it('fails a run still awaiting review once the window has closed', async () => {
    const id = await matchedReviewRemedy();
    await expect(
      remedies.review.pass({ remedyId: id, run: 0 }, publishJob().job, async () => proposal(id)),
    ).rejects.toThrow(Parked);
    const longAgo = new Date(Date.now() - REVIEW_WINDOW_MS - 60_000).toISOString();
    await redis.hset(`${prefix}:remedy:${id}`, 'updatedAt', longAgo);
    await expect(
      remedies.review.pass({ remedyId: id, run: 0 }, publishJob().job, async () => proposal(id)),
    ).rejects.toThrow(/Nobody approved remedy .* within 14 days/);
  });
});
