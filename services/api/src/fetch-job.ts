import type { FetchJob } from '@tidal-remedy/contracts';
import { enqueueFetch, jobIds } from '@tidal-remedy/queue';
import type { Queue } from 'bullmq';
import { withinRedisDeadline } from './redis-guard.js';

const ENQUEUE_DEADLINE_MS = 5_000;

/**
 * Adds the job that starts a remedy's run (see enqueueFetch: adding it again is a no-op), within a
 * deadline: a request never waits on Redis for long.
 */
export async function addFetchJob(queue: Queue, job: FetchJob): Promise<void> {
  await withinRedisDeadline(enqueueFetch(queue, job), ENQUEUE_DEADLINE_MS);
}

/** Whether the job of a remedy's run is in the queue, in any state. */
export async function hasFetchJob(queue: Queue, remedyId: string, run: number): Promise<boolean> {
  return (
    (await withinRedisDeadline(queue.getJob(jobIds.fetch(remedyId, run)), ENQUEUE_DEADLINE_MS)) !== undefined
  );
}
