import { RemedyRequestSchema } from '@tidal-remedy/contracts';
import { NotAwaitingReviewError, NotRetryableError, type RemedyService } from '@tidal-remedy/remedies';
import {
  approvalFromForm,
  CSRF_FIELD,
  PAGE_CSP,
  renderReportPage,
  renderSignInPage,
  renderSubmitPage,
  type SubmitFormValues,
} from '@tidal-remedy/report-page';
import { type ErrorRequestHandler, type Response, Router } from 'express';
import { formBody } from '../form-body.js';
import type { FormGuard } from '../form-guard.js';
import { HttpError } from '../http-error.js';

/**
 * The pages are self-contained: one inline stylesheet, one inline script allowed by its hash, no frames,
 * no outside resources; forms post to this site only; links to TIDAL leave without a referrer, while
 * this site's own form posts keep their Origin (which `no-referrer` would blank).
 */
const PAGE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface PagesDeps {
  remedies: RemedyService;
  forms: FormGuard;
}

const publishPurpose = (id: string, run: number) => `publish ${id} ${run}`;
const retryPurpose = (id: string, run: number) => `retry ${id} ${run}`;
const SUBMIT_PURPOSE = 'submit';

function sendPage(response: Response, status: number, page: string): void {
  response.status(status).set(PAGE_HEADERS).type('html').send(page);
}

/** The pages a browser opens by address; a 401 on one of them is answered with the sign-in page. */
const PAGE_PATH = /^\/(remedies\/[^/]+)?$/;

/**
 * A browser (Accept: text/html) opening a page without a session gets a page that says how to sign in,
 * with the same 401 status and challenge; API clients keep the JSON error.
 */
export const signInPageOnUnauthorized: ErrorRequestHandler = (error, request, response, next) => {
  if (
    !(error instanceof HttpError) ||
    error.status !== 401 ||
    request.method !== 'GET' ||
    !PAGE_PATH.test(request.path) ||
    request.accepts(['json', 'html']) !== 'html'
  ) {
    next(error);
    return;
  }
  response.set(error.headers);
  sendPage(response, 401, renderSignInPage({ invalidToken: error.code === 'invalid_token' }));
};

/**
 * The pages a person uses: `GET /` (a form to remedy a playlist), `GET /remedies/:id` (the remedy, live
 * while it runs, its review form while it awaits review, its report once done), and the two form posts.
 */
export function pagesRouter({ remedies, forms }: PagesDeps): Router {
  const router = Router();

  router.get('/', (_request, response) => {
    sendPage(response, 200, renderSubmitPage({ csrfToken: forms.token(SUBMIT_PURPOSE) }));
  });

  router.post('/remedies', formBody, async (request, response) => {
    const fields = (request.body ?? {}) as Record<string, unknown>;
    forms.check(request, SUBMIT_PURPOSE, fields[CSRF_FIELD]);
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
    const values: SubmitFormValues = {
      playlist: text('playlist'),
      mode: text('mode'),
      unmatched: text('unmatched'),
      countryCode: text('countryCode'),
    };
    const parsed = RemedyRequestSchema.safeParse(
      Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')),
    );
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`,
      );
      sendPage(response, 400, renderSubmitPage({ csrfToken: forms.token(SUBMIT_PURPOSE), values, problems }));
      return;
    }
    const { record } = await remedies.start(parsed.data);
    response.redirect(303, `/remedies/${record.id}`);
  });

  router.get('/remedies/:id', async (request, response) => {
    const record = await remedies.find(request.params.id);
    const report = await remedies.reportOf(record);
    const csrfToken =
      record.state === 'awaiting-review'
        ? forms.token(publishPurpose(record.id, record.run))
        : record.state === 'failed'
          ? forms.token(retryPurpose(record.id, record.run))
          : null;
    const rows = request.query.rows === 'attention' ? 'attention' : 'all';
    sendPage(response, 200, renderReportPage(record, report, { csrfToken, rows }));
  });

  router.post('/remedies/:id/publish', formBody, async (request, response) => {
    const record = await remedies.find(String(request.params.id));
    const fields = (request.body ?? {}) as Record<string, unknown>;
    forms.check(request, publishPurpose(record.id, record.run), fields[CSRF_FIELD]);
    try {
      await remedies.review.approve(record, approvalFromForm(fields));
    } catch (error) {
      // A second click on Publish: the first one was taken; show where the remedy is.
      if (!(error instanceof NotAwaitingReviewError) || record.approval === null) throw error;
    }
    response.redirect(303, `/remedies/${record.id}`);
  });

  router.post('/remedies/:id/retry', formBody, async (request, response) => {
    const record = await remedies.find(String(request.params.id));
    const fields = (request.body ?? {}) as Record<string, unknown>;
    forms.check(request, retryPurpose(record.id, record.run), fields[CSRF_FIELD]);
    try {
      await remedies.retry(record.id);
    } catch (error) {
      // A second click on Retry: the first one started the next run; show where the remedy is.
      if (!(error instanceof NotRetryableError)) throw error;
    }
    response.redirect(303, `/remedies/${record.id}`);
  });

  return router;
}
