import { matcherEnv } from '@tidal-remedy/config';
import { handleMatchJob, handlerFor, startPipelineWorker } from '@tidal-remedy/jobs';
import { boot, runService } from '@tidal-remedy/runtime';

const { config, logger } = boot('matcher', matcherEnv);

await runService({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: () => startPipelineWorker(config, logger, handlerFor('match', handleMatchJob)),
});
