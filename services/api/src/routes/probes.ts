import type { RemedyQueues } from '@tidal-remedy/queue';
import { Router } from 'express';

/**
 * Probes, open without a token: `/healthz` while the process runs, `/readyz` while the API can do its work:
 * a write and read back under the prefix (a node that does not own the prefix's slot, a read-only replica,
 * a Redis down all fail it), and each queue (RemedyQueues.readiness).
 */
export function probesRouter(queues: RemedyQueues): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const { ready, checks } = await queues.readiness();
    if (ready) {
      response.json({ status: 'ready' });
      return;
    }
    response.status(503).json({
      error: 'not_ready',
      message:
        'Redis does not do what the API needs (see details), so it cannot take or report remedies; it is ready once Redis is.',
      details: checks,
    });
  });
  return router;
}
