import { RedisStepCache } from '@tidal-remedy/cache';
import { apiEnv } from '@tidal-remedy/config';
import { createMetricsRegistry } from '@tidal-remedy/metrics';
import { createRedisConnection } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { boot, runService } from '@tidal-remedy/runtime';
import { WatchStore } from '@tidal-remedy/watches';
import { loadApiToken, loadScrapeToken } from './api-token.js';
import { createApp } from './app.js';
import { closeServer, listen, portOf } from './http-server.js';
import { closePipelineQueues, openPipelineQueues } from './pipeline-queues.js';
import { closeRedis, watchRedis } from './redis-lifecycle.js';

const { config, logger } = boot('api', apiEnv);

await runService({
  logger,
  async start() {
    // Without its token the API refuses to start (the error lists where it looked), rather than run open.
    const authToken = config.API_AUTH ? await loadApiToken(logger) : null;
    if (authToken === null) logger.warn('API_AUTH is false: every route is open to anyone who can reach it');
    const scrapeToken = config.METRICS_SCRAPE_AUTH ? await loadScrapeToken(logger) : null;

    const prefix = config.REDIS_PREFIX;
    const redis = createRedisConnection(config.REDIS_URL, 'producer');
    watchRedis(redis, logger);
    const queues = openPipelineQueues(redis, prefix, logger);
    const app = createApp({
      redis,
      store: new RemedyStore(redis, prefix),
      watches: new WatchStore(redis, prefix),
      queues,
      cache: new RedisStepCache(redis, { logger }),
      metrics: createMetricsRegistry({ redis, prefix, queues: Object.values(queues) }),
      logger,
      authToken,
      scrapeToken,
      publicUrl: config.PUBLIC_URL ?? null,
    });

    const server = await listen(app, config.PORT);
    logger.info({ port: portOf(server) }, 'listening');
    return {
      async stop() {
        await closeServer(server);
        await closePipelineQueues(queues);
        await closeRedis(redis);
      },
    };
  },
});
