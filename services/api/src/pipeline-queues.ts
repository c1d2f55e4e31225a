import type { Logger } from '@tidal-remedy/log';
import { QUEUE_NAMES, type StepQueue } from '@tidal-remedy/queue';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The queues as the API uses them: it adds fetch jobs, releases reviewed publish jobs, registers watches'
 * job schedulers, and shows every queue on the board.
 */
export type PipelineQueues = Record<StepQueue, Queue>;

export function openPipelineQueues(connection: Redis, prefix: string, logger: Logger): PipelineQueues {
  const open = (name: string) => {
    const queue = new Queue(name, { connection, prefix });
    // The connection's own watcher reports Redis going away; this keeps BullMQ from printing it again.
    queue.on('error', (error) => logger.debug({ err: error, queue: name }, 'queue connection error'));
    return queue;
  };
  return {
    fetch: open(QUEUE_NAMES.fetch),
    match: open(QUEUE_NAMES.match),
    publish: open(QUEUE_NAMES.publish),
    watch: open(QUEUE_NAMES.watch),
  };
}

export async function closePipelineQueues(queues: PipelineQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}
