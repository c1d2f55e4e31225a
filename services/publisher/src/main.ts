import { publisherEnv } from '@tidal-remedy/config';
import { handlePublishJob, handlerFor, startPipelineWorker } from '@tidal-remedy/jobs';
import { boot, runService } from '@tidal-remedy/runtime';

const { config, logger } = boot('publisher', publisherEnv);

await runService({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: () => startPipelineWorker(config, logger, handlerFor('publish', handlePublishJob)),
});
