import { RedisStepCache } from '@tidal-remedy/cache';
import { JOBS, jobIds, RemedyQueues, repeatOptionsFor } from '@tidal-remedy/queue';
import { RemedyService } from '@tidal-remedy/remedies';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWatch, deleteWatch, getWatch, type WatchDeps } from './watch-scheduler.js';
import { WatchStore } from './watch-store.js';
import { runWatchTick, type WatchTickDeps } from './watch-tick.js';

const prefix = testPrefix('watches');
let redis: Redis;
let deps: WatchTickDeps;
let queues: RemedyQueues;
let watchDeps: WatchDeps;

const REQUEST = {
  playlist: PLAYLIST_ID,
  mode: 'dry-run',
  schedule: { every: 60 },
  unmatched: 'keep',
  countryCode: 'US',
  refresh: true,
} as const;

beforeAll(() => {
  redis = connectRedis();
  queues = new RemedyQueues({ connection: redis, prefix });
  const remedies = new RemedyService({ redis, prefix, cache: new RedisStepCache(redis), queues });
  deps = { watches: new WatchStore(redis, prefix), remedies, queues };
  watchDeps = { store: deps.watches, queues };
});
afterAll(async () => {
  await queues.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('runWatchTick', () => {
  it('starts an ordinary remedy with the watch’s request, and lists it on the watch', async () => {
    const watch = await createWatch(watchDeps, REQUEST);
    const result = await runWatchTick(deps, watch.id, 'tick-1');
    expect(result.skipped).toBeNull();
    const remedy = (await deps.remedies.store.get(result.remedyId!))!;
    expect(remedy.request).toEqual({
      playlist: PLAYLIST_ID,
      mode: 'dry-run',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: true,
    });
    expect((await queues.byStep.fetch.getJob(jobIds.fetch(remedy.id)))?.data).toMatchObject({
      remedyId: remedy.id,
      run: 0,
    });
    const after = (await getWatch(watchDeps, watch.id))!;
    expect(after).toMatchObject({ runs: 1, skipped: 0, recentRemedies: [remedy.id] });
    expect(after.lastRunAt).not.toBeNull();

    // The same tick again (a retried job): the same remedy, counted once.
    expect(await runWatchTick(deps, watch.id, 'tick-1')).toEqual(result);
    expect((await deps.watches.get(watch.id))!.runs).toBe(1);
  });

  it('skips a tick while the previous run has not finished, and runs again once it has', async () => {
    const watch = await createWatch(watchDeps, { ...REQUEST, mode: 'review' });
    const first = await runWatchTick(deps, watch.id, 'tick-1');
    await deps.remedies.store.setState(first.remedyId!, 0, 'awaiting-review');
    expect(await runWatchTick(deps, watch.id, 'tick-2')).toEqual({
      remedyId: null,
      skipped: 'previous-run-unfinished',
    });
    await deps.remedies.store.setState(first.remedyId!, 0, 'done');
    const third = await runWatchTick(deps, watch.id, 'tick-3');
    expect(third.remedyId).not.toBe(first.remedyId);
    expect(await deps.watches.get(watch.id)).toMatchObject({
      runs: 2,
      skipped: 1,
      recentRemedies: [third.remedyId, first.remedyId],
    });
  });

  it('keeps the latest remedies only', async () => {
    const watch = await createWatch(watchDeps, REQUEST);
    for (let tick = 0; tick < 23; tick++) {
      const { remedyId } = await runWatchTick(deps, watch.id, `tick-${tick}`);
      await deps.remedies.store.setState(remedyId!, 0, 'done');
    }
    const stored = (await deps.watches.get(watch.id))!;
    expect(stored.runs).toBe(23);
    expect(stored.recentRemedies).toHaveLength(20);
  });

  it('a tick of a deleted watch starts nothing and removes the scheduler left behind', async () => {
    const watch = await createWatch(watchDeps, REQUEST);
    await deps.watches.delete(watch.id);
    expect(await queues.byStep.watch.getJobScheduler(watch.id)).toBeDefined();
    expect(await runWatchTick(deps, watch.id, 'tick-1')).toEqual({
      remedyId: null,
      skipped: 'watch-deleted',
    });
    expect(await queues.byStep.watch.getJobScheduler(watch.id)).toBeUndefined();
    await deps.watches.recordRun(watch.id, 'rem-late000000', 'tick-late', new Date());
    expect(await deps.watches.get(watch.id)).toBeNull();
  });

  it('deleting a watch removes its scheduler and its next, delayed tick', async () => {
    const watch = await createWatch(watchDeps, { ...REQUEST, schedule: { cron: '0 6 * * *' } });
    const ticks = async () =>
      (await queues.byStep.watch.getJobs(['delayed', 'waiting', 'prioritized'])).filter(
        (job) => job.data.watchId === watch.id,
      ).length;
    expect(await ticks()).toBe(1);
    expect(await deleteWatch(watchDeps, watch.id)).toBe(true);
    expect(await ticks()).toBe(0);
    expect(await deleteWatch(watchDeps, watch.id)).toBe(false);
  });
});

describe('repeatOptionsFor', () => {
  it('turns minutes into milliseconds and reads cron in UTC unless told otherwise', () => {
    expect(repeatOptionsFor({ every: 0.5 })).toEqual({ every: 30_000 });
    expect(repeatOptionsFor({ cron: '0 6 * * *' })).toEqual({ pattern: '0 6 * * *', tz: 'UTC' });
    expect(repeatOptionsFor({ cron: '0 6 * * *', tz: 'Europe/Oslo' })).toEqual({
      pattern: '0 6 * * *',
      tz: 'Europe/Oslo',
    });
  });

  it('gives the scheduler’s jobs the catalog’s options', async () => {
    const watch = await createWatch(watchDeps, REQUEST);
    const scheduler = await queues.byStep.watch.getJobScheduler(watch.id);
    expect(scheduler?.template?.opts).toMatchObject({ attempts: JOBS.watch.options.attempts });
    expect(scheduler?.template?.data).toEqual({ watchId: watch.id });
  });
});
