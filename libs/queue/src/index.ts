export { watchRedis } from './connection-watch.js';
export {
  JOBS,
  type JobData,
  type JobKind,
  type JobResult,
  jobIds,
} from './job-catalog.js';
export { QUEUE_NAMES, type QueueName, type StepQueue } from './queue-names.js';
export { checkReadiness, type Readiness } from './readiness.js';
export {
  type ConnectionRole,
  closeRedis,
  createRedisConnection,
  type RedisConnection,
  type RedisTarget,
} from './redis-connection.js';
export {
  QueueUnavailableError,
  RemedyQueues,
  type RemedyQueuesOptions,
  repeatOptionsFor,
} from './remedy-queues.js';
export {
  isPermanentFailure,
  type JobRemedy,
  retryAfterMsOf,
  type StepJob,
  type StepWorker,
  type StepWorkerOptions,
  startStepWorker,
} from './step-worker.js';
