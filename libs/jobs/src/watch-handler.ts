import type { WatchJob, WatchTickResult } from '@tidal-remedy/contracts';
import type { StepJob } from '@tidal-remedy/queue';
import { runWatchTick } from '@tidal-remedy/watches';
import type { WorkerContext } from './worker-context.js';

/** A tick of a watch's job scheduler: starts the watch's next remedy (see runWatchTick). */
export async function handleWatchJob(
  ctx: WorkerContext,
  data: WatchJob,
  job: StepJob,
): Promise<WatchTickResult> {
  const { watches, remedies, queues } = ctx;
  const result = await runWatchTick({ watches, remedies, queues }, data.watchId, job.id);
  ctx.logger.info(
    { watchId: data.watchId, ...result },
    result.remedyId ? 'watch run started' : 'watch tick skipped',
  );
  return result;
}
