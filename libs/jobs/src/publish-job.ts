import { cacheKey } from '@tidal-remedy/cache';
import {
  type Approval,
  DEFAULT_EXPLICIT_POLICY,
  type MatchDecision,
  MatchDecisionSchema,
  type MatchResult,
  MatchResultSchema,
  type PlaylistSnapshot,
  PlaylistSnapshotSchema,
  type PublishJob,
  type PublishMode,
  type PublishResult,
  type RemedyRecord,
  type RemedyReport,
  RemedyReportSchema,
} from '@tidal-remedy/contracts';
import {
  addCallCounts,
  applyReview,
  buildReport,
  decisionsByPosition,
  matchKey,
  publishStep,
  unavailableTracks,
} from '@tidal-remedy/pipeline';
import { parkedForReview, parkForReview, promoteIfParked, REVIEW_WINDOW_MS } from '@tidal-remedy/queue';
import type { Job } from 'bullmq';
import type { WorkerContext } from './worker-context.js';

/** A step output the job needs is gone from the cache (expired, evicted): only a new run can redo it. */
export class MissingStepOutputError extends Error {
  override readonly name = 'MissingStepOutputError';
  readonly retryable = false;
}

/** Nobody approved a remedy in review mode within REVIEW_WINDOW_MS. */
export class ReviewExpiredError extends Error {
  override readonly name = 'ReviewExpiredError';
  readonly retryable = false;
}

/**
 * The publish job, run once every match job has finished: gathers every decision from the cache (their
 * keys follow from the snapshot), publishes, and stores the report. In review mode it is also the review
 * gate: first it stores the proposed report and parks until a person approves (see parkForReview); run
 * again after the approval, it publishes the proposed decisions with the person's changes.
 */
export async function handlePublishJob(
  ctx: WorkerContext,
  data: PublishJob,
  job: Job,
  token: string | undefined,
): Promise<PublishResult> {
  const { mode } = data.request;
  if (mode !== 'review') return publishDecided(ctx, data, job, mode);
  const record = await ctx.store.get(data.remedyId);
  if (record?.run === data.run && record.state === 'publishing' && record.approval !== null) {
    return publishApproved(ctx, data, record, record.approval);
  }
  return holdForReview(ctx, data, job, token, record);
}

interface Gathered {
  snapshot: PlaylistSnapshot;
  decisions: Map<number, MatchDecision>;
  /** Match jobs' results: cache hits and TIDAL calls, for the report. */
  children: MatchResult[];
}

async function readSnapshot(ctx: WorkerContext, data: PublishJob): Promise<PlaylistSnapshot> {
  const snapshot = await ctx.cache.get(data.snapshotRef, PlaylistSnapshotSchema);
  if (!snapshot) {
    throw new MissingStepOutputError(
      `The playlist snapshot of remedy ${data.remedyId} is no longer cached; retry the remedy.`,
    );
  }
  return snapshot;
}

async function gatherDecisions(ctx: WorkerContext, data: PublishJob, job: Job): Promise<Gathered> {
  const snapshot = await readSnapshot(ctx, data);
  const tracks = unavailableTracks(snapshot);
  const keys = tracks.map(({ original }) =>
    matchKey(
      ctx.prefix,
      ctx.versions.match,
      original,
      snapshot.countryCode,
      data.request.explicit ?? DEFAULT_EXPLICIT_POLICY,
    ),
  );
  const stored = await ctx.cache.getMany(keys, MatchDecisionSchema);
  const missing = tracks.filter((_, index) => stored[index] === undefined);
  if (missing.length > 0) {
    throw new MissingStepOutputError(
      `${missing.length} match decisions of remedy ${data.remedyId} are no longer cached (first: track ${missing[0]!.original.id}); retry the remedy.`,
    );
  }
  const decisions = decisionsByPosition(
    tracks.map((track, index) => ({ positions: track.positions, decision: stored[index]! })),
  );
  const children = Object.values(await job.getChildrenValues()).flatMap((value): MatchResult[] => {
    const parsed = MatchResultSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  return { snapshot, decisions, children };
}

function reportRefOf(ctx: WorkerContext, remedyId: string, run: number, proposed = false): string {
  return cacheKey({
    prefix: ctx.prefix,
    step: 'report',
    version: 'v1',
    inputs: proposed ? { remedyId, run, proposed } : { remedyId, run },
  });
}

const since = (at: string | null | undefined) => (at ? Date.now() - Date.parse(at) : 0);

/** The report of what fetch and match did, with `published` and the publish figures as given. */
async function reportOf(
  ctx: WorkerContext,
  data: PublishJob,
  gathered: Gathered,
  publish: { published: RemedyReport['published']; hit: boolean; ms: number; calls: Record<string, number> },
  mode: RemedyReport['mode'],
): Promise<RemedyReport> {
  const { remedyId, request } = data;
  const { snapshot, decisions, children } = gathered;
  const record = await ctx.store.get(remedyId);
  const unavailable = unavailableTracks(snapshot).length;
  const matchHits = data.fetch.matchCacheHits + children.filter((child) => child.cacheHit).length;
  return buildReport({
    remedyId,
    request: { ...request, mode },
    snapshot,
    decisions,
    published: publish.published,
    cache: {
      fetch: data.fetch.fetchCache,
      match: { hits: matchHits, misses: unavailable - matchHits },
      publish: { hits: publish.hit ? 1 : 0, misses: publish.hit || publish.published === null ? 0 : 1 },
    },
    tidalCalls: addCallCounts(
      data.fetch.tidalCalls,
      ...children.map((child) => child.tidalCalls),
      publish.calls,
    ),
    timingsMs: {
      fetch: data.fetch.durationMs,
      match: Math.max(
        0,
        since(record?.timestamps.matchStartedAt) - since(record?.timestamps.publishStartedAt ?? null),
      ),
      publish: publish.ms,
      total: since(record?.timestamps.fetchStartedAt ?? record?.timestamps.createdAt),
    },
    startedAt: record?.timestamps.fetchStartedAt ?? new Date().toISOString(),
    finishedAt: new Date().toISOString(),
  });
}

/** Every mode but review: publish what the matcher decided. */
async function publishDecided(
  ctx: WorkerContext,
  data: PublishJob,
  job: Job,
  mode: PublishMode,
): Promise<PublishResult> {
  const { remedyId, run, request } = data;
  const started = performance.now();
  await ctx.store.setState(remedyId, run, 'publishing');
  const gathered = await gatherDecisions(ctx, data, job);

  const tidal = ctx.tidalForJob({ waitOutRateLimit: true });
  const published = await publishStep(ctx.depsFor(tidal), {
    snapshot: gathered.snapshot,
    decisions: gathered.decisions,
    mode,
    unmatched: request.unmatched,
    refresh: request.refresh,
  });
  if (published.published !== null) ctx.metrics.cacheLookup('publish', published.hit);
  const publishMs = performance.now() - started;
  ctx.metrics.stepDuration('publish', publishMs / 1000);

  const report = await reportOf(
    ctx,
    data,
    gathered,
    {
      published: published.published,
      hit: published.hit,
      ms: publishMs,
      calls: tidal.stats.snapshot().byEndpoint,
    },
    mode,
  );
  return finish(ctx, data, report);
}

async function finish(ctx: WorkerContext, data: PublishJob, report: RemedyReport): Promise<PublishResult> {
  const { remedyId, run } = data;
  const reportRef = reportRefOf(ctx, remedyId, run);
  await ctx.cache.set(reportRef, report);
  await ctx.store.setState(remedyId, run, 'done', { reportRef });
  ctx.logger.info(
    {
      remedyId,
      run,
      published: report.published?.playlistId ?? null,
      replaced: report.counts.replacedByIsrc + report.counts.replacedByMatch,
      changedInReview: report.review?.changed ?? null,
    },
    'remedy done',
  );
  return { reportRef };
}

/**
 * The review gate. Stores the proposed report (what would be published, nothing written), moves the
 * remedy to `awaiting-review`, and parks this job until the review window closes. The state is set before
 * parking so that a crash in between leaves a job that stalls and runs again, not one parked unseen; an
 * approval that comes before the job is parked finds nothing to promote, so after parking the gate reads
 * the record once more and lets itself go if the approval is already there.
 */
async function holdForReview(
  ctx: WorkerContext,
  data: PublishJob,
  job: Job,
  token: string | undefined,
  record: RemedyRecord | null,
): Promise<PublishResult> {
  const { remedyId, run } = data;
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
    const gathered = await gatherDecisions(ctx, data, job);
    const proposed = await reportOf(
      ctx,
      data,
      gathered,
      { published: null, hit: false, ms: 0, calls: {} },
      'review',
    );
    const reportRef = reportRefOf(ctx, remedyId, run, true);
    await ctx.cache.set(reportRef, proposed);
    if (!(await ctx.store.setState(remedyId, run, 'awaiting-review', { reportRef }))) {
      ctx.logger.info({ remedyId, run }, 'this run was superseded; its review gate closes');
      return { reportRef };
    }
  }
  await parkForReview(job, token, until);
  const now = await ctx.store.get(remedyId);
  if (now?.run === run && now.state === 'publishing' && now.approval !== null) await promoteIfParked(job);
  ctx.logger.info({ remedyId, run, until: new Date(until).toISOString() }, 'awaiting review');
  throw parkedForReview();
}

/**
 * After the approval: publishes the proposed decisions (those the person saw, from the proposed report,
 * not whatever the match cache holds by now) with the person's changes, in the mode they chose.
 */
async function publishApproved(
  ctx: WorkerContext,
  data: PublishJob,
  record: RemedyRecord,
  approval: Approval,
): Promise<PublishResult> {
  const { remedyId, request } = data;
  const started = performance.now();
  const proposed = record.reportRef ? await ctx.cache.get(record.reportRef, RemedyReportSchema) : undefined;
  if (!proposed) {
    throw new MissingStepOutputError(
      `The proposed report of remedy ${remedyId} is no longer cached; retry the remedy to review it again.`,
    );
  }
  const snapshot = await readSnapshot(ctx, data);
  const reviewed = applyReview(proposed.items, approval.overrides);

  const tidal = ctx.tidalForJob({ waitOutRateLimit: true });
  const published = await publishStep(ctx.depsFor(tidal), {
    snapshot,
    decisions: reviewed.decisions,
    mode: approval.mode,
    unmatched: request.unmatched,
    refresh: request.refresh,
  });
  if (published.published !== null) ctx.metrics.cacheLookup('publish', published.hit);
  const publishMs = performance.now() - started;
  ctx.metrics.stepDuration('publish', publishMs / 1000);

  const report = buildReport({
    remedyId,
    request: { ...request, mode: approval.mode },
    snapshot,
    decisions: reviewed.decisions,
    reviews: reviewed.reviews,
    review: { approvedAt: approval.approvedAt, changed: reviewed.changed },
    published: published.published,
    cache: {
      ...proposed.cache,
      publish: {
        hits: published.hit ? 1 : 0,
        misses: published.hit || published.published === null ? 0 : 1,
      },
    },
    tidalCalls: addCallCounts(proposed.tidalCalls.byEndpoint, tidal.stats.snapshot().byEndpoint),
    // The machine's time: the wait for a person is not part of it.
    timingsMs: { ...proposed.timingsMs, publish: publishMs, total: proposed.timingsMs.total + publishMs },
    startedAt: proposed.startedAt,
    finishedAt: new Date().toISOString(),
  });
  return finish(ctx, data, report);
}
