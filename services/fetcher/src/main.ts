import { fetcherEnv } from '@tidal-remedy/config';
import { handleFetchJob, handlerFor, handleWatchJob, startPipelineWorker } from '@tidal-remedy/jobs';
import { boot, runService } from '@tidal-remedy/runtime';

const { config, logger } = boot('fetcher', fetcherEnv);

// Watch ticks come here too: a tick only starts a remedy, whose first step is this process's anyway.
await runService({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: () =>
    startPipelineWorker(
      config,
      logger,
      handlerFor('fetch', handleFetchJob),
      handlerFor('watch', handleWatchJob),
    ),
});
