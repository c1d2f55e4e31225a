import { apiEnv } from '@tidal-remedy/config';
import { boot, runService } from '@tidal-remedy/runtime';
import { loadApiToken, loadScrapeToken } from './api-token.js';
import { closeServer, listen, portOf } from './http-server.js';
import { wireApi } from './wire-api.js';

const { config, logger } = boot('api', apiEnv);

await runService({
  logger,
  async start() {
    // Without its token the API refuses to start (the error lists where it looked), rather than run open.
    const authToken = config.API_AUTH ? await loadApiToken(logger) : null;
    if (authToken === null) logger.warn('API_AUTH is false: every route is open to anyone who can reach it');
    const scrapeToken = config.METRICS_SCRAPE_AUTH ? await loadScrapeToken(logger) : null;

    const api = wireApi({
      redis: config,
      prefix: config.REDIS_PREFIX,
      logger,
      authToken,
      scrapeToken,
      publicUrl: config.PUBLIC_URL ?? null,
      trustProxy: config.TRUST_PROXY,
      watchLimit: config.WATCH_LIMIT,
      queueBoardWritable: config.QUEUE_BOARD_WRITABLE,
    });
    const server = await listen(api.app, config.PORT, {
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: config.HTTP_MAX_CONNECTIONS,
    });
    logger.info({ port: portOf(server) }, 'listening');
    return {
      async stop() {
        await closeServer(server);
        await api.close();
      },
    };
  },
});
