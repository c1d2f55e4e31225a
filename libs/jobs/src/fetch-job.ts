import {
  DEFAULT_EXPLICIT_POLICY,
  type FetchJob,
  type MatchJob,
  type PublishJob,
} from '@tidal-remedy/contracts';
import { fetchStep, planMatches } from '@tidal-remedy/pipeline';
import { JOBS, jobIds, QUEUE_NAMES } from '@tidal-remedy/queue';
import type { WorkerContext } from './worker-context.js';

/**
 * The fetch job: reads the playlist, plans the matches (cached decisions, bulk ISRC lookups), then hands
 * off as one flow: a publish job whose children are one match job per unavailable track still to match.
 * Job ids are fixed per remedy run, so a retried fetch job adds nothing twice.
 */
export async function handleFetchJob(ctx: WorkerContext, data: FetchJob): Promise<undefined> {
  const { remedyId, run } = data;
  const { publish, matches, counts } = await fetchAndPlan(ctx, data);
  await ctx.flows.add({
    name: 'publish',
    queueName: QUEUE_NAMES.publish,
    data: publish,
    opts: { ...JOBS.publish.options, jobId: jobIds.publish(remedyId, run) },
    children: matches.map((match) => ({
      name: 'match',
      queueName: QUEUE_NAMES.match,
      data: match,
      opts: { ...JOBS.match.options, jobId: jobIds.match(remedyId, match.positions[0]!, run) },
    })),
  });
  ctx.logger.info({ remedyId, run, ...counts }, 'playlist fetched; matches queued');
  return undefined;
}

/**
 * Reads and plans, and returns only the jobs to add: the snapshot and the plan stay behind, so they are
 * not kept alive while thousands of jobs are added in one transaction (for a 10,000-item playlist, tens
 * of MB that would add to that transaction's own).
 */
async function fetchAndPlan(
  ctx: WorkerContext,
  data: FetchJob,
): Promise<{
  publish: PublishJob;
  matches: MatchJob[];
  counts: { items: number; toMatch: number; cachedDecisions: number };
}> {
  const { remedyId, run, request } = data;
  const started = performance.now();
  await ctx.store.setState(remedyId, run, 'fetching');
  const tidal = ctx.tidalForJob({ waitOutRateLimit: true });
  const deps = ctx.depsFor(tidal);
  const fetched = await fetchStep(deps, {
    playlistId: request.playlist,
    countryCode: request.countryCode,
    refresh: request.refresh,
  });
  const explicit = request.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const plan = await planMatches(deps, fetched.snapshot, request.refresh, explicit);
  ctx.metrics.cacheLookup('fetch', fetched.hit);
  for (const _ of plan.cached) ctx.metrics.cacheLookup('match', true);

  const { snapshot } = fetched;
  await ctx.store.setState(remedyId, run, 'matching', {
    playlistName: snapshot.playlist.name,
    items: snapshot.items.length,
    unavailable: snapshot.items.filter((item) => !item.track.available).length,
    snapshotRef: fetched.snapshotRef,
  });
  await ctx.store.markMatched(
    remedyId,
    run,
    plan.cached.flatMap((entry) => entry.positions),
  );

  const durationMs = performance.now() - started;
  ctx.metrics.stepDuration('fetch', durationMs / 1000);
  const publish: PublishJob = {
    remedyId,
    run,
    request,
    snapshotRef: fetched.snapshotRef,
    fetch: {
      tidalCalls: tidal.stats.snapshot().byEndpoint,
      fetchCache: { hits: fetched.hit ? 1 : 0, misses: fetched.hit ? 0 : 1 },
      matchCacheHits: plan.cached.length,
      durationMs,
    },
  };
  const matches = plan.tasks.map(
    (task): MatchJob =>
      JOBS.match.schema.parse({
        remedyId,
        run,
        positions: task.positions,
        original: task.original,
        isrcTwin: task.isrcTwin,
        countryCode: request.countryCode,
        refresh: request.refresh,
        explicit,
      }),
  );
  return {
    publish: JOBS.publish.schema.parse(publish),
    matches,
    counts: { items: snapshot.items.length, toMatch: plan.tasks.length, cachedDecisions: plan.cached.length },
  };
}
