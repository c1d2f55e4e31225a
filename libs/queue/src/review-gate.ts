import { DelayedError, type Job, type Queue } from 'bullmq';
import { jobIds } from './job-catalog.js';

/**
 * The review gate, in BullMQ's own terms. A remedy in review mode keeps its ordinary flow (fetch, then a
 * publish job whose children are the match jobs); when the publish job first runs, it stores the proposed
 * report and parks itself in the delayed set (`moveToDelayed`, which does not use up an attempt) until
 * `until`. An approval promotes it: it runs again at once, now with the approval recorded, and publishes.
 * The job keeps its id, its payload and its children's results throughout; nothing polls.
 */
export async function parkForReview(job: Job, token: string | undefined, until: number): Promise<void> {
  await job.moveToDelayed(until, token);
}

/** What the handler throws after parking, so the worker leaves the job in the delayed set. */
export function parkedForReview(): DelayedError {
  return new DelayedError('parked until a person approves the remedy');
}

/**
 * Lets a parked job run now. Returns false when it is not parked: not parked yet (the gate then sees the
 * approval itself, as it reads the record after parking) or already released.
 */
export async function promoteIfParked(job: Job): Promise<boolean> {
  if (!(await job.isDelayed())) return false;
  try {
    await job.promote();
    return true;
  } catch (error) {
    // Another approval, or the gate itself, promoted it between the check and now.
    if (!(await job.isDelayed())) return false;
    throw error;
  }
}

/** Lets a remedy's parked publish job run now (see promoteIfParked). */
export async function releaseReviewGate(queue: Queue, remedyId: string, run: number): Promise<boolean> {
  const job = await queue.getJob(jobIds.publish(remedyId, run));
  return job ? promoteIfParked(job) : false;
}
