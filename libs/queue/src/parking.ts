import { DelayedError, type Job } from 'bullmq';

/**
 * Parking a job, in BullMQ's own terms: the review gate's adapter (see libs/remedies' review gate). A
 * parked job waits in the delayed set (`moveToDelayed`, which uses no attempt) until a time or until it is
 * promoted; it keeps its id, its payload and its children's results throughout, and nothing polls.
 */
export async function parkJob(job: Job, token: string | undefined, until: number): Promise<void> {
  await job.moveToDelayed(until, token);
}

/** What a handler throws after parking its job, so the worker leaves the job in the delayed set. */
export function parkedError(): DelayedError {
  return new DelayedError('parked until a person approves the remedy');
}

/**
 * Lets a parked job run now. False when it is not parked: not parked yet (the gate then sees the approval
 * itself, as it reads the record after parking) or already released.
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
