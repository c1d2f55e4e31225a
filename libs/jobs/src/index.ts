export { handleFetchJob } from './fetch-job.js';
export { handleMatchJob } from './match-job.js';
export { handlerFor, type JobHandler, type QueueHandler, startPipelineWorker } from './pipeline-worker.js';
export { handlePublishJob, MissingStepOutputError, ReviewExpiredError } from './publish-job.js';
export { handleWatchJob } from './watch-job.js';
export { createWorkerContext, type WorkerContext } from './worker-context.js';
