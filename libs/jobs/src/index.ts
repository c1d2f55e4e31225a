export { handleFetchJob } from './fetch-handler.js';
export { handleMatchJob } from './match-handler.js';
export { handlerFor, type JobHandler, type QueueHandler, startPipelineWorker } from './pipeline-worker.js';
export { handlePublishJob } from './publish-handler.js';
export { handleWatchJob } from './watch-handler.js';
export { createWorkerContext, type WorkerContext } from './worker-context.js';
