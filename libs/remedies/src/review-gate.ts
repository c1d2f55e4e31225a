import { cacheKey, type StepCache } from '@tidal-remedy/cache';
import {
  type Approval,
  type RemedyRecord,
  type RemedyReport,
  RemedyReportSchema,
} from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import type { RemedyQueues, StepJob } from '@tidal-remedy/queue';
import { approvalRequestSchemaFor } from './approval-request.js';
import {
  InvalidApprovalError,
  NotAwaitingReviewError,
  NotInReviewError,
  ProposalMissingError,
  RemedyNotFoundError,
} from './remedy-errors.js';
import type { RemedyStore } from './remedy-store.js';

/**
 * How long a remedy in review mode waits for a person: its publish job stays parked this long. Shorter
 * than the step cache's lifetime (30 days), so the snapshot and proposed report it publishes from are
 * still there when the approval comes.
 */
export const REVIEW_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/** Nobody approved a remedy in review mode within REVIEW_WINDOW_MS. */
export class ReviewExpiredError extends Error {
  override readonly name = 'ReviewExpiredError';
  readonly retryable = false;
}

/** Where a run's report is cached; its proposed report (in review) has a key of its own. */
export function reportRefOf(prefix: string, remedyId: string, run: number, proposed = false): string {
  const inputs = proposed ? { remedyId, run, proposed } : { remedyId, run };
  return cacheKey({ prefix, step: 'report', version: 'v1', inputs });
}

/**
 * How the publish job leaves the gate: approved, with the person's approval and the proposal they were
 * shown; or superseded (a retry started another run), its gate closed with the proposal stored.
 */
export type GatePassage =
  | { kind: 'approved'; approval: Approval; proposed: RemedyReport }
  | { kind: 'superseded'; reportRef: string };

export interface ReviewGateDeps {
  store: RemedyStore;
  cache: StepCache;
  queues: RemedyQueues;
  prefix: string;
  logger?: Logger;
}

/**
 * The review gate, both halves: `pass` is where a review-mode remedy's publish job waits for a person,
 * `approve` is that person letting it through. The job waits parked in BullMQ's delayed set (libs/queue
 * parks and releases it); the approval is recorded on the remedy record in one atomic step, so of two
 * approvals one wins. Each half covers the other's race: the gate reads the record again after parking
 * (an approval that came before the job was parked found nothing to release), and an approval recorded
 * whose release never happened (the API stopped in between) is released when approved again.
 */
export class ReviewGate {
  constructor(private readonly deps: ReviewGateDeps) {}

  /**
   * The publish job's side. Once approved: the approval and the proposal it was given for. Otherwise it
   * stores the proposal (`propose`, what would be published, nothing written), moves the remedy to
   * `awaiting-review` and parks the job until the window closes, throwing what leaves it parked. The state
   * is set before parking, so a crash in between leaves a job that stalls and runs again, not one parked
   * unseen.
   */
  async pass(
    remedy: { remedyId: string; run: number },
    job: StepJob,
    propose: () => Promise<RemedyReport>,
  ): Promise<GatePassage> {
    const { remedyId, run } = remedy;
    const { store, logger } = this.deps;
    const record = await store.get(remedyId);
    if (record?.run === run && isApproved(record)) return this.approved(record, record.approval);

    let until = Date.now() + REVIEW_WINDOW_MS;
    if (record?.run === run && record.state === 'awaiting-review') {
      // Run again while awaiting review: after a crash, or because the review window closed.
      until = Date.parse(record.timestamps.updatedAt) + REVIEW_WINDOW_MS;
      if (Date.now() >= until) {
        throw new ReviewExpiredError(
          `Nobody approved remedy ${remedyId} within ${REVIEW_WINDOW_MS / 86_400_000} days of its review ` +
            'starting; retry it to fetch, match and review it afresh.',
        );
      }
    } else {
      const reportRef = reportRefOf(this.deps.prefix, remedyId, run, true);
      await this.deps.cache.set(reportRef, await propose());
      if (!(await store.setState(remedyId, run, 'awaiting-review', { reportRef }))) {
        logger?.info({ remedyId, run }, 'this run was superseded; its review gate closes');
        return { kind: 'superseded', reportRef };
      }
    }
    await job.park(until);
    const now = await store.get(remedyId);
    if (now?.run === run && isApproved(now)) await job.releaseIfParked();
    logger?.info({ remedyId, run, until: new Date(until).toISOString() }, 'awaiting review');
    throw job.parked();
  }

  /**
   * The person's side: checks `body` against the proposed report, records the approval (which moves the
   * remedy to `publishing`; one approval wins a race), then releases the parked publish job. Approving
   * again a remedy whose approval was recorded but not released releases it.
   */
  async approve(record: RemedyRecord, body: unknown): Promise<Approval> {
    const { store, queues } = this.deps;
    if (record.request.mode !== 'review') throw new NotInReviewError(record.id, record.request.mode);
    if (record.state !== 'awaiting-review') {
      if (isApproved(record) && (await queues.releaseReview(record.id, record.run))) return record.approval;
      throw new NotAwaitingReviewError(record.id, record.state);
    }
    const proposed = await this.proposal(record);
    if (proposed === null) {
      throw new ProposalMissingError(
        `The proposed report of remedy ${record.id} is no longer kept, so there is nothing to approve; start the remedy again.`,
      );
    }
    const parsed = approvalRequestSchemaFor(proposed).safeParse(body);
    if (!parsed.success) throw new InvalidApprovalError(parsed.error);
    const approval: Approval = { ...parsed.data, approvedAt: new Date().toISOString() };
    if (!(await store.approve(record.id, record.run, approval))) {
      const now = await store.get(record.id);
      throw now === null ? new RemedyNotFoundError(record.id) : new NotAwaitingReviewError(now.id, now.state);
    }
    await queues.releaseReview(record.id, record.run);
    return approval;
  }

  private async proposal(record: RemedyRecord): Promise<RemedyReport | null> {
    if (record.reportRef === null) return null;
    return (await this.deps.cache.get(record.reportRef, RemedyReportSchema)) ?? null;
  }

  private async approved(record: RemedyRecord, approval: Approval): Promise<GatePassage> {
    const proposed = await this.proposal(record);
    if (proposed === null) {
      throw new ProposalMissingError(
        `The proposed report of remedy ${record.id} is no longer cached; retry the remedy to review it again.`,
      );
    }
    return { kind: 'approved', approval, proposed };
  }
}

/** Approved and publishing: the gate lets the publish job through. */
function isApproved(record: RemedyRecord): record is RemedyRecord & { approval: Approval } {
  return record.state === 'publishing' && record.approval !== null;
}
