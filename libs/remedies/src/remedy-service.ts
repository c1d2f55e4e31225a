import { canonicalJson, type StepCache } from '@tidal-remedy/cache';
import {
  type Approval,
  DEFAULT_EXPLICIT_POLICY,
  RemedyIdSchema,
  type RemedyRecord,
  type RemedyReport,
  RemedyReportSchema,
  type ResolvedRemedyRequest,
  ResolvedRemedyRequestSchema,
} from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import type { RedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import { IdempotencyKeyReusedError, NotRetryableError, RemedyNotFoundError } from './remedy-errors.js';
import { RemedyStore } from './remedy-store.js';
import { ReviewGate, reportRefOf } from './review-gate.js';

export interface RemedyServiceDeps {
  redis: RedisConnection;
  prefix: string;
  cache: StepCache;
  queues: RemedyQueues;
  logger?: Logger;
}

/**
 * What can be done to a remedy, wherever it is asked for (the API, its pages, a watch's tick, the workers):
 * start, retry, approve, finish, read. Refusals are the domain errors of remedy-errors.ts.
 */
export class RemedyService {
  readonly store: RemedyStore;
  readonly review: ReviewGate;
  private readonly cache: StepCache;
  private readonly queues: RemedyQueues;
  private readonly prefix: string;

  constructor(deps: RemedyServiceDeps) {
    this.store = new RemedyStore(deps.redis, deps.prefix);
    this.cache = deps.cache;
    this.queues = deps.queues;
    this.prefix = deps.prefix;
    this.review = new ReviewGate({ ...deps, store: this.store });
  }

  /**
   * Starts a remedy: its record, then its fetch job. With `idempotencyKey`, a repeat (within a day) answers
   * the remedy the key started, and refuses a different request under the same key. A remedy still queued
   * gets its fetch job added (again: a no-op when it is there), which repairs a first attempt whose record
   * was written but whose job was not.
   */
  async start(
    request: ResolvedRemedyRequest,
    idempotencyKey?: string,
  ): Promise<{ record: RemedyRecord; created: boolean }> {
    const resolved = ResolvedRemedyRequestSchema.parse(request);
    const { record, created } = await this.store.create(resolved, idempotencyKey);
    if (!created && !sameRequest(record.request, resolved)) throw new IdempotencyKeyReusedError(record.id);
    if (record.state === 'queued') await this.addFetch(record, record.run);
    return { record, created };
  }

  /**
   * Runs a failed remedy again, as a new run (jobs of the failed one can no longer write), or adds the
   * missing fetch job of a queued run (an earlier retry started the run but could not enqueue it).
   */
  async retry(id: string): Promise<{ record: RemedyRecord; run: number }> {
    const record = await this.find(id);
    let run: number | null = null;
    if (record.state === 'failed') {
      run = await this.store.startNextRun(record.id);
      // null: another request retried it between the read and now.
      if (run === null) throw new NotRetryableError(record.id, (await this.find(record.id)).state);
    } else if (record.state === 'queued' && !(await this.queues.hasFetch(record.id, record.run))) {
      run = record.run;
    }
    if (run === null) throw new NotRetryableError(record.id, record.state);
    await this.addFetch(record, run);
    return { record, run };
  }

  /** Approves a remedy awaiting review with a person's choices (see ReviewGate.approve). */
  async approve(id: string, body: unknown): Promise<{ record: RemedyRecord; approval: Approval }> {
    const record = await this.find(id);
    return { record, approval: await this.review.approve(record, body) };
  }

  /** A remedy's record; RemedyNotFoundError for an id that is malformed or unknown (both: no such remedy). */
  async find(id: string): Promise<RemedyRecord> {
    const record = RemedyIdSchema.safeParse(id).success ? await this.store.get(id) : null;
    if (record === null) throw new RemedyNotFoundError(id);
    return record;
  }

  /**
   * The report of a finished remedy, or the proposed report of one awaiting review; null otherwise, and
   * null when it has expired or does not read as a report (the cache logs that).
   */
  async reportOf(record: RemedyRecord): Promise<RemedyReport | null> {
    if ((record.state !== 'done' && record.state !== 'awaiting-review') || record.reportRef === null)
      return null;
    return (await this.cache.get(record.reportRef, RemedyReportSchema)) ?? null;
  }

  /** Stores a run's report and marks it done; returns where the report lives. */
  async finish(remedyId: string, run: number, report: RemedyReport): Promise<string> {
    const reportRef = reportRefOf(this.prefix, remedyId, run);
    await this.cache.set(reportRef, report);
    await this.store.setState(remedyId, run, 'done', { reportRef });
    return reportRef;
  }

  private async addFetch(record: RemedyRecord, run: number): Promise<void> {
    await this.queues.addFetch({ remedyId: record.id, run, request: record.request });
  }
}

/** The same request, options left out taken at their defaults (a record stores what was given). */
function sameRequest(a: ResolvedRemedyRequest, b: ResolvedRemedyRequest): boolean {
  const withDefaults = (request: ResolvedRemedyRequest) => ({
    ...request,
    explicit: request.explicit ?? DEFAULT_EXPLICIT_POLICY,
  });
  return canonicalJson(withDefaults(a)) === canonicalJson(withDefaults(b));
}
