import { publisherEnv } from '@tidal-remedy/config';
import { boot, runService, startHealthServer } from '@tidal-remedy/runtime';

const { config, logger } = boot('publisher', publisherEnv);

await runService({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const health = await startHealthServer(config.HEALTH_PORT, async () => true);
    logger.info({ healthPort: health.port }, 'health endpoint listening');
    return { stop: () => health.close() };
  },
});
