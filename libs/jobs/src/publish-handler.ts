import {
  type MatchResult,
  MatchResultSchema,
  type PublishJob,
  type PublishResult,
} from '@tidal-remedy/contracts';
import {
  addCallCounts,
  matchLookups,
  type PipelineDeps,
  type PublishedReport,
  proposedReport,
  publishAndReport,
  type ReportBasis,
  readDecisions,
  readSnapshot,
  reviewedBasis,
  unavailableTracks,
} from '@tidal-remedy/pipeline';
import type { StepJob } from '@tidal-remedy/queue';
import type { WorkerContext } from './worker-context.js';

/**
 * The publish job, run once every match job has finished: publishes the decisions and stores the report.
 * In review mode it waits at the review gate first (libs/remedies), and once a person has approved,
 * publishes what they were shown, with their changes, in the mode they chose.
 */
export async function handlePublishJob(
  ctx: WorkerContext,
  data: PublishJob,
  job: StepJob,
): Promise<PublishResult> {
  const since = Date.now();
  const { remedyId, run, request, snapshotRef } = data;
  const deps = ctx.depsForJob({ waitOutRateLimit: true });
  if (request.mode !== 'review') {
    await ctx.remedies.store.setState(remedyId, run, 'publishing');
    // The basis (snapshot, decisions, children's results) is let go before the report is stored: an async
    // function's locals live until it returns, and at 10,000 items they are tens of MB.
    const { mode } = request;
    const published = async () =>
      publishAndReport(deps, await gatheredBasis(ctx, deps, data, job, since), mode, since);
    return finish(ctx, data, await published());
  }
  const propose = async () => proposedReport(await gatheredBasis(ctx, deps, data, job, since));
  const passage = await ctx.remedies.review.pass(data, job, propose);
  if (passage.kind === 'superseded') return { reportRef: passage.reportRef };
  const snapshot = await readSnapshot(deps, snapshotRef, remedyId);
  const basis = reviewedBasis(remedyId, request, snapshot, passage.proposed, passage.approval);
  return finish(ctx, data, await publishAndReport(deps, basis, passage.approval.mode, since));
}

async function finish(ctx: WorkerContext, data: PublishJob, done: PublishedReport): Promise<PublishResult> {
  const { remedyId, run } = data;
  const { report, publish, publishMs } = done;
  if (publish.published !== null) ctx.metrics.cacheLookup('publish', publish.hit);
  ctx.metrics.stepDuration('publish', publishMs / 1000);
  const reportRef = await ctx.remedies.finish(remedyId, run, report);
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
 * What fetch and match left, gathered over the queues: the snapshot and every decision from the cache,
 * the fetch job's figures from the payload, the match jobs' from their results, times from the record.
 */
async function gatheredBasis(
  ctx: WorkerContext,
  deps: PipelineDeps,
  data: PublishJob,
  job: StepJob,
  since: number,
): Promise<ReportBasis> {
  const { remedyId, request, fetch } = data;
  const snapshot = await readSnapshot(deps, data.snapshotRef, remedyId);
  const decisions = await readDecisions(deps, snapshot, { remedyId, explicit: request.explicit });
  const children = (await job.childResults()).flatMap((value): MatchResult[] => {
    const parsed = MatchResultSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  const { timestamps } = (await ctx.remedies.store.get(remedyId)) ?? { timestamps: null };
  const at = (time: string | null | undefined) => (time ? Date.parse(time) : since);
  const matchHits = fetch.matchCacheHits + children.filter((child) => child.cacheHit).length;
  return {
    remedyId,
    request,
    snapshot,
    decisions,
    cache: { fetch: fetch.fetchCache, match: matchLookups(matchHits, unavailableTracks(snapshot).length) },
    tidalCalls: addCallCounts(fetch.tidalCalls, ...children.map((child) => child.tidalCalls)),
    timingsMs: {
      fetch: fetch.durationMs,
      match: Math.max(0, at(timestamps?.publishStartedAt) - at(timestamps?.matchStartedAt)),
      total: since - at(timestamps?.fetchStartedAt ?? timestamps?.createdAt),
    },
    startedAt: timestamps?.fetchStartedAt ?? new Date(since).toISOString(),
  };
}
