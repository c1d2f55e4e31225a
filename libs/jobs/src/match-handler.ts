import type { MatchJob, MatchResult } from '@tidal-remedy/contracts';
import { matchStep } from '@tidal-remedy/pipeline';
import type { WorkerContext } from './worker-context.js';

/** One match job: one unavailable track's decision, cached; returns where it lives to the publish job. */
export async function handleMatchJob(ctx: WorkerContext, data: MatchJob): Promise<MatchResult> {
  const started = performance.now();
  const deps = ctx.depsForJob();
  const output = await matchStep(deps, {
    original: data.original,
    isrcTwin: data.isrcTwin,
    countryCode: data.countryCode,
    refresh: data.refresh,
    explicit: data.explicit,
  });
  await ctx.remedies.store.markMatched(data.remedyId, data.run, data.positions);
  ctx.metrics.cacheLookup('match', output.hit);
  ctx.metrics.stepDuration('match', (performance.now() - started) / 1000);
  return {
    positions: data.positions,
    decisionRef: output.decisionRef,
    cacheHit: output.hit,
    tidalCalls: deps.tidal.stats.snapshot().byEndpoint,
  };
}
