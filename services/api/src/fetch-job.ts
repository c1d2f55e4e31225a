import type { FetchJob } from '@tidal-remedy/contracts';
import { JOBS, jobIds } from '@tidal-remedy/queue';
import type { Queue } from 'bullmq';
import { withinRedisDeadline } from './redis-guard.js';

const ENQUEUE_DEADLINE_MS = 5_000;

/**
 * Adds the job that starts a remedy's run. The job id is derived from the remedy and run, so adding it
 * again (a replayed request, a repaired run) is a no-op while the job exists.
 */
export async function addFetchJob(queue: Queue, job: FetchJob): Promise<void> {
  const data = JOBS.fetch.schema.parse(job);
  await withinRedisDeadline(
    queue.add('fetch', data, { ...JOBS.fetch.options, jobId: jobIds.fetch(data.remedyId, data.run) }),
    ENQUEUE_DEADLINE_MS,
  );
}

/** Whether the job of a remedy's run is in the queue, in any state. */
export async function hasFetchJob(queue: Queue, remedyId: string, run: number): Promise<boolean> {
  return (
    (await withinRedisDeadline(queue.getJob(jobIds.fetch(remedyId, run)), ENQUEUE_DEADLINE_MS)) !== undefined
  );
}
