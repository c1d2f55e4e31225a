import { randomUUID } from 'node:crypto';
import type { MatchJob } from '@tidal-remedy/contracts';
import { type Job, type Queue, WaitingChildrenError } from 'bullmq';
import { JOBS, jobIds } from './job-catalog.js';
import { QUEUE_NAMES } from './queue-names.js';
import type { RedisConnection } from './redis-connection.js';

/**
 * A parent job's children, added in chunks (BullMQ's "process step" pattern) rather than as one flow: the
 * fetch step stages the publish job's match jobs in a Redis list, and the publish job, once running, adds
 * them as its children a chunk at a time, then waits for them. BullMQ builds a flow in memory at ~13 KB a
 * job, so one flow of 5,000 children held ~70 MB in the fetcher; a chunk holds a few MB, for any playlist.
 */

/** Children added per round trip, and staged per RPUSH. */
export const CHILD_CHUNK = 500;

/** The list of a parent's children still to add, as JSON payloads. Under the prefix: one hash tag, one slot. */
export function pendingChildrenKey(prefix: string, parentJobId: string): string {
  return `${prefix}:pending-children:${parentJobId}`;
}

/** How long staged children wait for their parent to add them: as long as a failed job is kept. */
const PENDING_TTL_S = 30 * 24 * 60 * 60;

/**
 * Stages a parent's children, whole or not at all: written under a key of its own, then renamed into place
 * unless a list is already there (an earlier attempt of the same step staged it first, and the parent may be
 * reading it: it is left alone).
 */
export async function stageChildren(
  redis: RedisConnection,
  key: string,
  payloads: readonly unknown[],
): Promise<void> {
  if (payloads.length === 0) return;
  const staging = `${key}:staging-${randomUUID()}`;
  try {
    for (let start = 0; start < payloads.length; start += CHILD_CHUNK) {
      const chunk = payloads.slice(start, start + CHILD_CHUNK).map((payload) => JSON.stringify(payload));
      await redis.rpush(staging, ...chunk);
    }
    await redis.expire(staging, PENDING_TTL_S);
    await redis.renamenx(staging, key);
  } finally {
    await redis.del(staging);
  }
}

/** What a parent kind's children are: the publish job's are match jobs. */
export const CHILDREN = {
  publish: {
    queue: QUEUE_NAMES.match,
    name: 'match',
    options: JOBS.match.options,
    jobId: (data: MatchJob) => jobIds.match(data.remedyId, data.positions[0] ?? 0, data.run),
  },
} as const;

/**
 * The parent's first step, on every run: adds what is staged as its children, a chunk at a time, then
 * waits for them (throws WaitingChildrenError; BullMQ runs the job again once they have all finished).
 * Returns when there is nothing to wait for: the parent's own work can start. The list is read by index and
 * deleted only once all of it is added, so a run that dies part way (or a stalled run still going beside
 * its replacement) loses nothing: the next one adds it all again, a no-op for each child that exists (ids
 * are fixed; BullMQ counts an existing finished child as done for the parent).
 */
export async function addChildrenThenWait(
  redis: RedisConnection,
  prefix: string,
  parent: Job,
  token: string | undefined,
  children: Queue,
): Promise<void> {
  const spec = CHILDREN.publish;
  const key = pendingChildrenKey(prefix, parent.id ?? '');
  for (let start = 0; ; start += CHILD_CHUNK) {
    const chunk = await redis.lrange(key, start, start + CHILD_CHUNK - 1);
    if (chunk.length === 0) break;
    await children.addBulk(
      chunk.map((raw) => {
        const data = JSON.parse(raw) as MatchJob;
        return {
          name: spec.name,
          data,
          opts: {
            ...spec.options,
            jobId: spec.jobId(data),
            parent: { id: parent.id ?? '', queue: parent.queueQualifiedName },
          },
        };
      }),
    );
    if (chunk.length < CHILD_CHUNK) break;
  }
  await redis.del(key);
  // A child that failed for good makes this throw BullMQ's UnrecoverableError: the parent fails with it.
  if (await parent.moveToWaitingChildren(token ?? '')) throw new WaitingChildrenError();
}
