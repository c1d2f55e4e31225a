export { handleFetchJob } from './fetch-job.js';
export { handleMatchJob } from './match-job.js';
export { type JobHandler, startPipelineWorker } from './pipeline-worker.js';
export { handlePublishJob, MissingStepOutputError } from './publish-job.js';
export { createWorkerContext, type WorkerContext } from './worker-context.js';
