import type { StepCache } from '@tidal-remedy/cache';
import {
  DEFAULT_EXPLICIT_POLICY,
  type RemedyAccepted,
  RemedyRequestSchema,
  type RemedyStatus,
  ResolvedRemedyRequestSchema,
} from '@tidal-remedy/contracts';
import type { RemedyStore } from '@tidal-remedy/remedies';
import { Router } from 'express';
import { approveRemedy } from '../approve-remedy.js';
import { addFetchJob, hasFetchJob } from '../fetch-job.js';
import { HttpError, validationError } from '../http-error.js';
import { idempotencyKeyOf } from '../idempotency-key.js';
import { jsonBody, optionalJsonBody } from '../json-body.js';
import { remedyLinks } from '../links.js';
import type { PipelineQueues } from '../pipeline-queues.js';
import { findRemedy, findReport } from '../remedy-lookup.js';

export interface RemediesRouteDeps {
  store: RemedyStore;
  queues: PipelineQueues;
  cache: StepCache;
  publicUrl: string | null;
}

type ResolvedRequest = ReturnType<typeof ResolvedRemedyRequestSchema.parse>;

function sameRequest(a: ResolvedRequest, b: ResolvedRequest): boolean {
  return (
    a.playlist === b.playlist &&
    a.mode === b.mode &&
    a.unmatched === b.unmatched &&
    a.countryCode === b.countryCode &&
    a.refresh === b.refresh &&
    (a.explicit ?? DEFAULT_EXPLICIT_POLICY) === (b.explicit ?? DEFAULT_EXPLICIT_POLICY)
  );
}

/**
 * `/v1/remedies`: start a remedy, read its status and report, approve it when it awaits review, retry it
 * when it failed.
 */
export function remediesRouter(deps: RemediesRouteDeps): Router {
  const router = Router();

  router.post('/', jsonBody, async (request, response) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const parsed = RemedyRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError('remedy request', parsed.error);
    const remedyRequest = ResolvedRemedyRequestSchema.parse(parsed.data);

    const { record, created } = await deps.store.create(remedyRequest, idempotencyKey);
    if (!created && !sameRequest(record.request, remedyRequest)) {
      throw new HttpError(
        422,
        'idempotency_key_reused',
        `This Idempotency-Key was used for a different request (remedy ${record.id}); use a new key for a new request.`,
        { id: record.id },
      );
    }
    // A replay of a remedy still queued adds its job again (a no-op if it is there): this repairs a first
    // request whose record was written but whose job was not.
    if (created || record.state === 'queued') {
      await addFetchJob(deps.queues.fetch, { remedyId: record.id, run: record.run, request: record.request });
    }
    const links = remedyLinks(request, deps.publicUrl, record.id);
    if (!created) response.set('Idempotent-Replayed', 'true');
    response
      .status(202)
      .location(links.status_url)
      .json({ id: record.id, ...links } satisfies RemedyAccepted);
  });

  router.get('/:id', async (request, response) => {
    const record = await findRemedy(deps.store, request.params.id);
    const report = await findReport(deps.cache, record);
    response.json({ ...record, report } satisfies RemedyStatus);
  });

  // Approves a remedy awaiting review: `{ mode?: 'new' | 'in-place', overrides?: [{ position, action, trackId? }] }`.
  router.post('/:id/publish', optionalJsonBody, async (request, response) => {
    const record = await findRemedy(deps.store, String(request.params.id));
    await approveRemedy(deps, record, request.body);
    const links = remedyLinks(request, deps.publicUrl, record.id);
    response
      .status(202)
      .location(links.status_url)
      .json({ id: record.id, run: record.run, ...links } satisfies RemedyAccepted);
  });

  router.post('/:id/retry', async (request, response) => {
    const record = await findRemedy(deps.store, request.params.id);
    let run: number | null = null;
    if (record.state === 'failed') {
      run = await deps.store.startNextRun(record.id);
      // null: another request retried it between the read and now.
      if (run === null) throw notRetryable(record.id, (await findRemedy(deps.store, record.id)).state);
    } else if (record.state === 'queued' && !(await hasFetchJob(deps.queues.fetch, record.id, record.run))) {
      // Queued with no job: an earlier retry's enqueue failed after the run was started. Add it now.
      run = record.run;
    }
    if (run === null) throw notRetryable(record.id, record.state);
    await addFetchJob(deps.queues.fetch, { remedyId: record.id, run, request: record.request });
    response.status(202).json({
      id: record.id,
      run,
      ...remedyLinks(request, deps.publicUrl, record.id),
    } satisfies RemedyAccepted);
  });

  return router;
}

function notRetryable(id: string, state: string): HttpError {
  const advice =
    state === 'done'
      ? 'It finished; to run it again, POST /v1/remedies with the same playlist.'
      : 'Follow it at its status URL; it can be retried if it fails.';
  return new HttpError(
    409,
    'not_retryable',
    `Remedy ${id} is ${state}; only a failed remedy can be retried. ${advice}`,
    {
      state,
    },
  );
}
