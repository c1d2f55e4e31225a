import { cacheKey } from '@tidal-remedy/cache';
import {
  MatchDecisionSchema,
  type MatchResult,
  MatchResultSchema,
  PlaylistSnapshotSchema,
  type PublishJob,
  type PublishResult,
} from '@tidal-remedy/contracts';
import {
  addCallCounts,
  buildReport,
  decisionsByPosition,
  matchKey,
  publishStep,
  unavailableTracks,
} from '@tidal-remedy/pipeline';
import type { Job } from 'bullmq';
import type { WorkerContext } from './worker-context.js';

/** A step output the job needs is gone from the cache (expired, evicted): only a new run can redo it. */
export class MissingStepOutputError extends Error {
  override readonly name = 'MissingStepOutputError';
  readonly retryable = false;
}

/**
 * The publish job, run once every match job has finished: gathers every decision from the cache (their
 * keys follow from the snapshot), publishes, and stores the report.
 */
export async function handlePublishJob(
  ctx: WorkerContext,
  data: PublishJob,
  job: Job,
): Promise<PublishResult> {
  const { remedyId, run, request } = data;
  const started = performance.now();
  await ctx.store.setState(remedyId, run, 'publishing');

  const snapshot = await ctx.cache.get(data.snapshotRef, PlaylistSnapshotSchema);
  if (!snapshot) {
    throw new MissingStepOutputError(
      `The playlist snapshot of remedy ${remedyId} is no longer cached; retry the remedy.`,
    );
  }
  const tracks = unavailableTracks(snapshot);
  const keys = tracks.map(({ original }) =>
    matchKey(ctx.prefix, ctx.versions.match, original, snapshot.countryCode),
  );
  const stored = await ctx.cache.getMany(keys, MatchDecisionSchema);
  const missing = tracks.filter((_, index) => stored[index] === undefined);
  if (missing.length > 0) {
    throw new MissingStepOutputError(
      `${missing.length} match decisions of remedy ${remedyId} are no longer cached (first: track ${missing[0]!.original.id}); retry the remedy.`,
    );
  }
  const decisions = decisionsByPosition(
    tracks.map((track, index) => ({ positions: track.positions, decision: stored[index]! })),
  );
  const children = Object.values(await job.getChildrenValues()).flatMap((value): MatchResult[] => {
    const parsed = MatchResultSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });

  const tidal = ctx.tidalForJob();
  const published = await publishStep(ctx.depsFor(tidal), {
    snapshot,
    decisions,
    mode: request.mode,
    unmatched: request.unmatched,
    refresh: request.refresh,
  });
  if (request.mode !== 'dry-run') ctx.metrics.cacheLookup('publish', published.hit);
  const publishMs = performance.now() - started;
  ctx.metrics.stepDuration('publish', publishMs / 1000);

  const record = await ctx.store.get(remedyId);
  const since = (at: string | null | undefined) => (at ? Date.now() - Date.parse(at) : 0);
  const matchHits = data.fetch.matchCacheHits + children.filter((child) => child.cacheHit).length;
  const report = buildReport({
    remedyId,
    request,
    snapshot,
    decisions,
    published: published.published,
    cache: {
      fetch: data.fetch.fetchCache,
      match: { hits: matchHits, misses: tracks.length - matchHits },
      publish: { hits: published.hit ? 1 : 0, misses: published.hit || request.mode === 'dry-run' ? 0 : 1 },
    },
    tidalCalls: addCallCounts(
      data.fetch.tidalCalls,
      ...children.map((child) => child.tidalCalls),
      tidal.stats.snapshot().byEndpoint,
    ),
    timingsMs: {
      fetch: data.fetch.durationMs,
      match: Math.max(
        0,
        since(record?.timestamps.matchStartedAt) - since(record?.timestamps.publishStartedAt),
      ),
      publish: publishMs,
      total: since(record?.timestamps.fetchStartedAt ?? record?.timestamps.createdAt),
    },
    startedAt: record?.timestamps.fetchStartedAt ?? new Date().toISOString(),
    finishedAt: new Date().toISOString(),
  });
  const reportRef = cacheKey({
    prefix: ctx.prefix,
    step: 'report',
    version: 'v1',
    inputs: { remedyId, run },
  });
  await ctx.cache.set(reportRef, report);
  await ctx.store.setState(remedyId, run, 'done', { reportRef });
  ctx.logger.info(
    {
      remedyId,
      run,
      published: report.published?.playlistId ?? null,
      replaced: report.counts.replacedByIsrc + report.counts.replacedByMatch,
    },
    'remedy done',
  );
  return { reportRef };
}
