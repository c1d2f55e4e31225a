import { TERMINAL_STATES, type WatchTickResult } from '@tidal-remedy/contracts';
import type { RemedyQueues } from '@tidal-remedy/queue';
import type { RemedyService } from '@tidal-remedy/remedies';
import type { WatchStore } from './watch-store.js';

export interface WatchTickDeps {
  watches: WatchStore;
  remedies: RemedyService;
  /** To drop the scheduler of a watch whose record is gone. */
  queues: RemedyQueues;
}

/**
 * One tick of a watch: starts an ordinary remedy with the watch's request, unless the previous run has
 * not finished (or awaits review): runs never pile up behind a slow one. Safe to retry: the tick's id is
 * the remedy's idempotency key, and the watch remembers its last tick.
 */
export async function runWatchTick(
  deps: WatchTickDeps,
  watchId: string,
  tickId: string,
): Promise<WatchTickResult> {
  const watch = await deps.watches.get(watchId);
  if (watch === null) {
    await deps.queues.unscheduleWatch(watchId);
    return { remedyId: null, skipped: 'watch-deleted' };
  }
  const latestId = watch.recentRemedies[0];
  if (latestId !== undefined) {
    if (watch.lastTickId === tickId) return { remedyId: latestId, skipped: null };
    const latest = await deps.remedies.store.get(latestId);
    if (latest !== null && !TERMINAL_STATES.includes(latest.state)) {
      await deps.watches.recordSkip(watchId);
      return { remedyId: null, skipped: 'previous-run-unfinished' };
    }
  }
  const { record } = await deps.remedies.start(watch.request, `watch ${watchId} tick ${tickId}`);
  await deps.watches.recordRun(watchId, record.id, tickId, new Date());
  return { remedyId: record.id, skipped: null };
}
