/** The queues of the pipeline, one per step. Compose, Kubernetes (KEDA) and tests read these. */
export const QUEUE_NAMES = {
  fetch: 'remedy-fetch',
  match: 'remedy-match',
  publish: 'remedy-publish',
} as const;

export type StepQueue = keyof typeof QUEUE_NAMES;
export type QueueName = (typeof QUEUE_NAMES)[StepQueue];
