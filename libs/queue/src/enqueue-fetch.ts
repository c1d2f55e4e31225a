import type { FetchJob } from '@tidal-remedy/contracts';
import type { Queue } from 'bullmq';
import { JOBS, jobIds } from './job-catalog.js';

/**
 * Adds the job that starts a remedy's run. Its id is derived from the remedy and run, so adding it again
 * (a replayed request, a repaired run, a retried watch tick) is a no-op while the job exists.
 */
export async function enqueueFetch(queue: Queue, job: FetchJob): Promise<void> {
  const data = JOBS.fetch.schema.parse(job);
  await queue.add('fetch', data, { ...JOBS.fetch.options, jobId: jobIds.fetch(data.remedyId, data.run) });
}
