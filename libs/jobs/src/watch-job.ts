import type { WatchJob, WatchTickResult } from '@tidal-remedy/contracts';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { runWatchTick } from '@tidal-remedy/watches';
import type { Job } from 'bullmq';
import type { WorkerContext } from './worker-context.js';

/** A tick of a watch's job scheduler: starts the watch's next remedy (see runWatchTick). */
export async function handleWatchJob(ctx: WorkerContext, data: WatchJob, job: Job): Promise<WatchTickResult> {
  const result = await runWatchTick(
    {
      watches: ctx.watches,
      remedies: ctx.store,
      fetchQueue: ctx.queue(QUEUE_NAMES.fetch),
      watchQueue: ctx.queue(QUEUE_NAMES.watch),
    },
    data.watchId,
    job.id ?? `${data.watchId}-${job.timestamp}`,
  );
  ctx.logger.info(
    { watchId: data.watchId, ...result },
    result.remedyId ? 'watch run started' : 'watch tick skipped',
  );
  return result;
}
