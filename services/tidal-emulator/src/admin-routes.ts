import express, { type Request, type Response, Router } from 'express';
import { authorizeParamsFromUrl, decide } from './authorize-routes.js';
import type { EmulatorContext } from './context.js';
import { FaultSchema } from './faults.js';

export const ADMIN_PREFIX = '/__emulator';

/**
 * The emulator's own endpoints, outside TIDAL's paths and without auth: read the playlists and the request
 * log, script faults, expire tokens, reset.
 */
export function adminRoutes(ctx: EmulatorContext, reset: () => void): Router {
  const router = Router();
  router.use(express.json());

  router.get('/state', (_req: Request, res: Response) => {
    res.json({ playlists: ctx.playlists.snapshot() });
  });

  router.get('/requests', (_req: Request, res: Response) => {
    res.json({ requests: ctx.log.list() });
  });

  router.delete('/requests', (_req: Request, res: Response) => {
    ctx.log.clear();
    res.status(204).end();
  });

  router.post('/faults', (req: Request, res: Response) => {
    const parsed = FaultSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid fault', issues: parsed.error.issues });
      return;
    }
    ctx.faults.add(parsed.data);
    res.status(201).json({ fault: parsed.data });
  });

  router.delete('/faults', (_req: Request, res: Response) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  router.post('/tokens/expire', (_req: Request, res: Response) => {
    ctx.tokens.expireAll();
    res.status(204).end();
  });

  // Test-only: the login and consent steps of /authorize at once, for the authorize URL a client built.
  router.post('/authorize', (req: Request, res: Response) => {
    const { url, username, decision } = req.body ?? {};
    if (typeof url !== 'string' || typeof username !== 'string' || !URL.canParse(url)) {
      res.status(400).json({ error: 'send { url, username, decision?: "allow" | "deny" }' });
      return;
    }
    const outcome = decide(
      ctx,
      authorizeParamsFromUrl(url),
      username,
      decision === 'deny' ? 'deny' : 'allow',
    );
    if (outcome.kind === 'redirect') res.json({ location: outcome.location });
    else if (outcome.kind === 'error') res.status(outcome.body.status).json(outcome.body);
    else res.status(500).end();
  });

  router.post('/reset', (_req: Request, res: Response) => {
    reset();
    res.status(204).end();
  });

  return router;
}
