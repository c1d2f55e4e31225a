import { type RemedyAccepted, RemedyRequestSchema, type RemedyStatus } from '@tidal-remedy/contracts';
import type { RemedyService } from '@tidal-remedy/remedies';
import { Router } from 'express';
import { validationError } from '../http-error.js';
import { idempotencyKeyOf } from '../idempotency-key.js';
import { jsonBody, optionalJsonBody } from '../json-body.js';
import { remedyLinks } from '../links.js';

export interface RemediesRouteDeps {
  remedies: RemedyService;
  publicUrl: string | null;
}

/**
 * `/v1/remedies`: start a remedy, read its status and report, approve it when it awaits review, retry it
 * when it failed. The remedy service decides; its refusals become HTTP answers in the error handler.
 */
export function remediesRouter({ remedies, publicUrl }: RemediesRouteDeps): Router {
  const router = Router();

  router.post('/', jsonBody, async (request, response) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const parsed = RemedyRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError('remedy request', parsed.error);
    const { record, created } = await remedies.start(parsed.data, idempotencyKey);
    const links = remedyLinks(request, publicUrl, record.id);
    if (!created) response.set('Idempotent-Replayed', 'true');
    response
      .status(202)
      .location(links.status_url)
      .json({ id: record.id, ...links } satisfies RemedyAccepted);
  });

  router.get('/:id', async (request, response) => {
    const record = await remedies.find(request.params.id);
    const report = await remedies.reportOf(record);
    response.json({ ...record, report } satisfies RemedyStatus);
  });

  // Approves a remedy awaiting review: `{ mode?: 'new' | 'in-place', overrides?: [{ position, action, trackId? }] }`.
  router.post('/:id/publish', optionalJsonBody, async (request, response) => {
    const { record } = await remedies.approve(String(request.params.id), request.body);
    const links = remedyLinks(request, publicUrl, record.id);
    response
      .status(202)
      .location(links.status_url)
      .json({ id: record.id, run: record.run, ...links } satisfies RemedyAccepted);
  });

  router.post('/:id/retry', async (request, response) => {
    const { record, run } = await remedies.retry(request.params.id);
    response.status(202).json({
      id: record.id,
      run,
      ...remedyLinks(request, publicUrl, record.id),
    } satisfies RemedyAccepted);
  });

  return router;
}
