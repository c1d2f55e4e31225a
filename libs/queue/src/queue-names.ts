/**
 * The queues of the pipeline, one per step, and `remedy-watch`, where watches' job schedulers add a job
 * at each tick (the fetcher process handles it: a tick only starts a remedy). Compose, Kubernetes (KEDA)
 * and tests read these.
 */
export const QUEUE_NAMES = {
  fetch: 'remedy-fetch',
  match: 'remedy-match',
  publish: 'remedy-publish',
  watch: 'remedy-watch',
} as const;

export type StepQueue = keyof typeof QUEUE_NAMES;
export type QueueName = (typeof QUEUE_NAMES)[StepQueue];
