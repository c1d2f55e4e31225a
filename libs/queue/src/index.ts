export { enqueueFetch } from './enqueue-fetch.js';
export {
  JOBS,
  type JobData,
  type JobKind,
  type JobResult,
  jobIds,
  REVIEW_WINDOW_MS,
} from './job-catalog.js';
export { QUEUE_NAMES, type QueueName, type StepQueue } from './queue-names.js';
export { type ConnectionRole, createRedisConnection, redisAnswers } from './redis-connection.js';
export { parkedForReview, parkForReview, promoteIfParked, releaseReviewGate } from './review-gate.js';
export {
  isPermanentFailure,
  type JobRemedy,
  retryAfterMsOf,
  type StepWorker,
  type StepWorkerOptions,
  startStepWorker,
} from './step-worker.js';
