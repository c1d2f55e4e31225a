import {
  ResolvedRemedyRequestSchema,
  type Watch,
  type WatchRequest,
  WatchSchema,
} from '@tidal-remedy/contracts';
import type { RemedyQueues } from '@tidal-remedy/queue';
import type { StoredWatch, WatchStore } from './watch-store.js';

/** What registering and reading watches needs: their records, and the queues (for their schedulers). */
export interface WatchDeps {
  store: WatchStore;
  queues: RemedyQueues;
}

/**
 * Registers a watch: its record, then a job scheduler (id = watch id) that adds a `watch` job to
 * `remedy-watch` at each tick. The record comes first because a tick reads it; if the scheduler cannot be
 * registered, the record is removed again.
 */
export async function createWatch(deps: WatchDeps, input: WatchRequest): Promise<Watch> {
  const { schedule, ...remedy } = input;
  const stored = await deps.store.create(ResolvedRemedyRequestSchema.parse(remedy), schedule);
  try {
    await deps.queues.scheduleWatch(stored.id, schedule);
  } catch (error) {
    await deps.store.delete(stored.id);
    throw error;
  }
  return describe(deps, stored);
}

export async function getWatch(deps: WatchDeps, id: string): Promise<Watch | null> {
  const stored = await deps.store.get(id);
  return stored ? describe(deps, stored) : null;
}

export async function listWatches(deps: WatchDeps): Promise<Watch[]> {
  return Promise.all((await deps.store.list()).map((stored) => describe(deps, stored)));
}

/** One page of watches (GET /v1/watches), oldest first; see WatchStore.page. */
export async function pageWatches(
  deps: WatchDeps,
  cursor: string | null,
  limit: number,
): Promise<{ watches: Watch[]; nextCursor: string | null }> {
  const page = await deps.store.page(cursor, limit);
  return {
    watches: await Promise.all(page.watches.map((stored) => describe(deps, stored))),
    nextCursor: page.nextCursor,
  };
}

/**
 * Removes the scheduler (and with it its next tick, while that waits in the delayed set), then the record.
 * A tick already waiting or running finds no record and starts nothing. False when there was no such watch.
 */
export async function deleteWatch(deps: WatchDeps, id: string): Promise<boolean> {
  const removedScheduler = await deps.queues.unscheduleWatch(id);
  const removedRecord = await deps.store.delete(id);
  return removedScheduler || removedRecord;
}

async function describe(deps: WatchDeps, stored: StoredWatch): Promise<Watch> {
  const { lastTickId: _, ...watch } = stored;
  return WatchSchema.parse({ ...watch, nextRunAt: await deps.queues.nextWatchTick(stored.id) });
}
