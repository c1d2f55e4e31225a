import { type RedisConnection, redisAnswers } from '@tidal-remedy/queue';
import { Router } from 'express';

/** Probes, open without a token: `/healthz` while the process runs, `/readyz` while Redis answers. */
export function probesRouter(redis: RedisConnection): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    if (await redisAnswers(redis)) {
      response.json({ status: 'ready' });
      return;
    }
    response.status(503).json({
      error: 'not_ready',
      message: 'Redis does not answer, so the API cannot take or report remedies; it is ready once Redis is.',
      details: { redis: redis.status },
    });
  });
  return router;
}
