import type { StepCache } from '@tidal-remedy/cache';
import type { RemedyStore } from '@tidal-remedy/remedies';
import { renderReportPage } from '@tidal-remedy/report-page';
import { Router } from 'express';
import { findRemedy, findReport } from '../remedy-lookup.js';

/**
 * The page is self-contained: one inline stylesheet, no scripts, no frames, no outside resources; links
 * leave without a referrer (the page's URL names the remedy).
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** `GET /remedies/:id`: the remedy as a page a person reads (report once done, progress before). */
export function reportPageRouter(deps: { store: RemedyStore; cache: StepCache }): Router {
  const router = Router();
  router.get('/remedies/:id', async (request, response) => {
    const record = await findRemedy(deps.store, request.params.id);
    const report = await findReport(deps.cache, record);
    response.set(PAGE_HEADERS).type('html').send(renderReportPage(record, report));
  });
  return router;
}
