import type { FetchJob, MatchJob, PublishJob } from '@tidal-remedy/contracts';
import { fetchStep, planMatches } from '@tidal-remedy/pipeline';
import { JOBS, jobIds, QUEUE_NAMES } from '@tidal-remedy/queue';
import type { WorkerContext } from './worker-context.js';

/**
 * The fetch job: reads the playlist, plans the matches (cached decisions, bulk ISRC lookups), then hands
 * off as one flow: a publish job whose children are one match job per unavailable track still to match.
 * Job ids are fixed per remedy run, so a retried fetch job adds nothing twice.
 */
export async function handleFetchJob(ctx: WorkerContext, data: FetchJob): Promise<undefined> {
  const { remedyId, run, request } = data;
  const started = performance.now();
  await ctx.store.setState(remedyId, run, 'fetching');
  const tidal = ctx.tidalForJob();
  const deps = ctx.depsFor(tidal);
  const fetched = await fetchStep(deps, {
    playlistId: request.playlist,
    countryCode: request.countryCode,
    refresh: request.refresh,
  });
  const plan = await planMatches(deps, fetched.snapshot, request.refresh);
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
  await ctx.flows.add({
    name: 'publish',
    queueName: QUEUE_NAMES.publish,
    data: JOBS.publish.schema.parse(publish),
    opts: { ...JOBS.publish.options, jobId: jobIds.publish(remedyId, run) },
    children: plan.tasks.map((task) => {
      const match: MatchJob = {
        remedyId,
        run,
        positions: task.positions,
        original: task.original,
        isrcTwin: task.isrcTwin,
        countryCode: request.countryCode,
        refresh: request.refresh,
      };
      return {
        name: 'match',
        queueName: QUEUE_NAMES.match,
        data: JOBS.match.schema.parse(match),
        opts: { ...JOBS.match.options, jobId: jobIds.match(remedyId, task.positions[0]!, run) },
      };
    }),
  });
  ctx.logger.info(
    {
      remedyId,
      run,
      items: snapshot.items.length,
      toMatch: plan.tasks.length,
      cachedDecisions: plan.cached.length,
    },
    'playlist fetched; matches queued',
  );
  return undefined;
}
