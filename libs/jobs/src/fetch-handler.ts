import type { FetchJob, MatchJob, PublishJob, RemedyState } from '@tidal-remedy/contracts';
import { fetchAndPlan, lookupOf } from '@tidal-remedy/pipeline';
import type { RemedyUpdate } from '@tidal-remedy/remedies';
import type { WorkerContext } from './worker-context.js';

/** States a remedy reaches only after its fetch job handed off (the publish job runs or ran). */
const HANDED_OFF = new Set<RemedyState>(['awaiting-review', 'publishing', 'done']);

/**
 * The fetch job: reads the playlist and plans the matches (cached decisions, bulk ISRC lookups), then
 * hands off: a publish job that adds, in chunks, one match job per track still to match as its children.
 */
export async function handleFetchJob(ctx: WorkerContext, data: FetchJob): Promise<undefined> {
  const { remedyId, run } = data;
  const { store } = ctx.remedies;
  // Run again after its hand-off (its completion was lost: a worker died, or a Redis failover dropped the
  // last writes), it must not move the remedy back: the flow exists and the publish job has started.
  const record = await store.get(remedyId);
  if (record?.run === run && HANDED_OFF.has(record.state)) {
    ctx.logger.info(
      { remedyId, run, state: record.state },
      'fetch job run again after its hand-off; nothing to do',
    );
    return undefined;
  }
  await store.setState(remedyId, run, 'fetching');
  const handOff = await fetchForHandOff(ctx, data);
  await store.setState(remedyId, run, 'matching', handOff.progress);
  await store.markMatched(remedyId, run, handOff.decidedPositions);
  await ctx.queues.addMatchFlow(handOff.publish, handOff.matches);
  ctx.logger.info({ remedyId, run, ...handOff.counts }, 'playlist fetched; matches queued');
  return undefined;
}

interface HandOff {
  progress: RemedyUpdate;
  /** Positions whose decision was already cached. */
  decidedPositions: number[];
  publish: PublishJob;
  matches: MatchJob[];
  counts: { items: number; toMatch: number; cachedDecisions: number };
}

/**
 * Reads and plans, and returns only what the hand-off needs: the snapshot and the plan stay behind, so
 * they are not kept alive while thousands of jobs are added in one transaction (for a 10,000-item
 * playlist, tens of MB that would add to that transaction's own).
 */
async function fetchForHandOff(ctx: WorkerContext, data: FetchJob): Promise<HandOff> {
  const { remedyId, run, request } = data;
  const started = performance.now();
  const deps = ctx.depsForJob({ waitOutRateLimit: true });
  const { snapshot, snapshotRef, hit, plan, explicit, progress } = await fetchAndPlan(
    deps,
    request,
    async (name) => {
      await ctx.remedies.store.recordPlaylistName(remedyId, run, name);
    },
  );
  ctx.metrics.cacheLookup('fetch', hit);
  for (const _ of plan.cached) ctx.metrics.cacheLookup('match', true);
  const durationMs = performance.now() - started;
  ctx.metrics.stepDuration('fetch', durationMs / 1000);
  return {
    progress: { ...progress, snapshotRef },
    decidedPositions: plan.cached.flatMap((entry) => entry.positions),
    publish: {
      remedyId,
      run,
      request,
      snapshotRef,
      fetch: {
        tidalCalls: deps.tidal.stats.snapshot().byEndpoint,
        fetchCache: lookupOf(hit),
        matchCacheHits: plan.cached.length,
        durationMs,
      },
    },
    matches: plan.tasks.map((task) => ({
      remedyId,
      run,
      positions: task.positions,
      original: task.original,
      isrcTwin: task.isrcTwin,
      countryCode: request.countryCode,
      refresh: request.refresh,
      explicit,
    })),
    counts: { items: snapshot.items.length, toMatch: plan.tasks.length, cachedDecisions: plan.cached.length },
  };
}
