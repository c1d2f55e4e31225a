import type { StepCache } from '@tidal-remedy/cache';
import type { Approval, RemedyRecord } from '@tidal-remedy/contracts';
import { approvalRequestSchemaFor } from '@tidal-remedy/pipeline';
import { releaseReviewGate } from '@tidal-remedy/queue';
import type { RemedyStore } from '@tidal-remedy/remedies';
import { HttpError, validationError } from './http-error.js';
import type { PipelineQueues } from './pipeline-queues.js';
import { withinRedisDeadline } from './redis-guard.js';
import { findRemedy, findReport } from './remedy-lookup.js';

const RELEASE_DEADLINE_MS = 5_000;

export interface ApproveDeps {
  store: RemedyStore;
  cache: StepCache;
  queues: PipelineQueues;
}

/**
 * Approves a remedy awaiting review, with the person's choices (`body`, checked against the proposed
 * report): records the approval, which moves the remedy to `publishing` (one approval wins a race), then
 * releases its parked publish job. If a first approval was recorded but its release did not happen (the
 * API stopped in between), approving again releases it.
 */
export async function approveRemedy(
  deps: ApproveDeps,
  record: RemedyRecord,
  body: unknown,
): Promise<Approval> {
  if (record.request.mode !== 'review') {
    throw new HttpError(
      409,
      'not_in_review',
      `Remedy ${record.id} runs in mode ${record.request.mode}, which publishes without review. Only a remedy started with mode "review" waits to be approved.`,
      { mode: record.request.mode },
    );
  }
  if (record.state !== 'awaiting-review') {
    if (
      record.state === 'publishing' &&
      record.approval !== null &&
      (await withinRedisDeadline(
        releaseReviewGate(deps.queues.publish, record.id, record.run),
        RELEASE_DEADLINE_MS,
      ))
    ) {
      return record.approval;
    }
    throw notAwaitingReview(record);
  }
  const proposed = await findReport(deps.cache, record);
  if (proposed === null) {
    throw new HttpError(
      409,
      'proposal_missing',
      `The proposed report of remedy ${record.id} is no longer kept, so there is nothing to approve; start the remedy again.`,
    );
  }
  const parsed = approvalRequestSchemaFor(proposed).safeParse(body);
  if (!parsed.success) throw validationError('approval', parsed.error);
  const approval: Approval = { ...parsed.data, approvedAt: new Date().toISOString() };
  if (!(await deps.store.approve(record.id, record.run, approval))) {
    throw notAwaitingReview(await findRemedy(deps.store, record.id));
  }
  await withinRedisDeadline(
    releaseReviewGate(deps.queues.publish, record.id, record.run),
    RELEASE_DEADLINE_MS,
  );
  return approval;
}

function notAwaitingReview(record: RemedyRecord): HttpError {
  const advice: Partial<Record<RemedyRecord['state'], string>> = {
    queued: 'Wait until its state is awaiting-review.',
    fetching: 'Wait until its state is awaiting-review.',
    matching: 'Wait until its state is awaiting-review.',
    publishing: 'It was approved already and is being published.',
    done: 'It was approved and published already.',
    failed: 'Retry it (POST /v1/remedies/:id/retry); it will wait for review again.',
  };
  return new HttpError(
    409,
    'not_awaiting_review',
    `Remedy ${record.id} is ${record.state}; it can be approved only while it awaits review. ${advice[record.state] ?? ''}`.trim(),
    { state: record.state },
  );
}
