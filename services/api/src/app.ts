import type { Logger } from '@tidal-remedy/log';
import type { RedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import type { RemedyService } from '@tidal-remedy/remedies';
import type { WatchDeps } from '@tidal-remedy/watches';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import { pageTokenLogin, requireAuth, requireMetricsAuth } from './auth.js';
import { errorHandler, routeNotFound } from './error-handler.js';
import { FormGuard } from './form-guard.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board.js';
import { requireRedis } from './redis-guard.js';
import { requestLogging } from './request-context.js';
import { metricsHandler } from './routes/metrics.js';
import { pagesRouter, signInPageOnUnauthorized } from './routes/pages.js';
import { probesRouter } from './routes/probes.js';
import { remediesRouter } from './routes/remedies.js';
import { watchesRouter } from './routes/watches.js';

export interface ApiDeps {
  /** A `producer` connection (fails fast while Redis is down); the service, watches and queues use it too. */
  redis: RedisConnection;
  remedies: RemedyService;
  watches: WatchDeps;
  queues: RemedyQueues;
  metrics: Registry;
  logger: Logger;
  /** The bearer token every route but the probes requires; null when API_AUTH is off. */
  authToken: string | null;
  /** Prometheus's credential, accepted on GET /metrics only; null when METRICS_SCRAPE_AUTH is off. */
  scrapeToken: string | null;
  /** Base of the links in responses; null to use the request's own host. */
  publicUrl: string | null;
  /** Whether the queue board may change queues and jobs (QUEUE_BOARD_WRITABLE); read-only when absent. */
  queueBoardWritable?: boolean;
  /** Express's `trust proxy` (TRUST_PROXY): only then do forwarded headers set the request's origin. */
  trustProxy?: boolean | number | string;
}

/**
 * The HTTP API and the pages. Probes and the API's description (`/openapi.json`) are open; a page link may
 * carry the token once; everything else needs the token (or the session cookie a page link sets, which lets
 * a JSON API write through only with the forms' anti-forgery checks). Routes that need Redis answer 503 at
 * once while it is down.
 */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  const needsRedis = requireRedis(deps.redis);

  app.use(requestLogging(deps.logger));
  app.use((_request, response, next) => {
    response.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(probesRouter(deps.queues));
  app.get('/openapi.json', (_request, response) => {
    response.json(OPENAPI_DOCUMENT);
  });
  app.get(
    ['/', '/remedies/:id'],
    pageTokenLogin(deps.authToken, { secureCookie: deps.publicUrl?.startsWith('https:') ?? false }),
  );

  app.get(
    '/metrics',
    requireMetricsAuth(deps.authToken, deps.scrapeToken),
    needsRedis,
    metricsHandler(deps.metrics),
  );
  app.use(requireAuth(deps.authToken));
  const forms = new FormGuard(deps.authToken, deps.publicUrl);
  app.use('/v1', forms.requireForApi());
  app.use(
    QUEUE_BOARD_PATH,
    needsRedis,
    queueBoard(Object.values(deps.queues.byStep), { writable: deps.queueBoardWritable ?? false }),
  );
  app.use('/v1/remedies', needsRedis, remediesRouter(deps));
  app.use('/v1/watches', needsRedis, watchesRouter(deps.watches));
  app.use(needsRedis, pagesRouter({ ...deps, forms }));

  app.use(routeNotFound);
  app.use(signInPageOnUnauthorized);
  app.use(errorHandler(deps.redis, deps.logger));
  return app;
}
