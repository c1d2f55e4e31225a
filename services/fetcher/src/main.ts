import { fetcherEnv } from '@tidal-remedy/config';
import { handleFetchJob, startPipelineWorker } from '@tidal-remedy/jobs';
import { boot, runService } from '@tidal-remedy/runtime';

const { config, logger } = boot('fetcher', fetcherEnv);

await runService({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: () => startPipelineWorker('fetch', config, logger, handleFetchJob),
});
