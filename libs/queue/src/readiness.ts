import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { RedisConnection } from './redis-connection.js';

/** What a readiness probe found: ready, or each check that failed with what it met. */
export interface Readiness {
  ready: boolean;
  /** Per check (`redis`, then each queue by name): `ok`, or what went wrong. */
  checks: Record<string, string>;
}

/** One key per process, under the prefix: its slot is the slot of everything the service reads and writes. */
const PROBE_ID = randomBytes(6).toString('hex');

/**
 * Whether the service can do its work, not merely whether a socket answers PING: a write and a read back
 * of a key under the prefix (so a node that does not own the prefix's slot, answering MOVED, a read-only
 * replica, a full or loading Redis all fail it), then each queue's own script (BullMQ's connection, its
 * keys). Every check has `timeoutMs`; the key expires on its own.
 */
export async function checkReadiness(options: {
  redis: RedisConnection;
  prefix: string;
  queues?: readonly Queue[];
  timeoutMs?: number;
}): Promise<Readiness> {
  const { redis, prefix, queues = [], timeoutMs = 2_000 } = options;
  const checks: Record<string, string> = {};
  checks.redis = await outcome(async () => {
    if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
    const key = `${prefix}:readiness:${PROBE_ID}`;
    const value = String(Date.now());
    await redis.set(key, value, 'PX', 10_000);
    const read = await redis.get(key);
    if (read !== value) throw new Error('wrote a key but read back something else');
  }, timeoutMs);
  if (checks.redis === 'ok') {
    const results = await Promise.all(
      queues.map((queue) => outcome(() => queue.getJobCountByTypes('wait', 'active'), timeoutMs)),
    );
    queues.forEach((queue, index) => {
      checks[queue.name] = results[index]!;
    });
  }
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}

async function outcome(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), deadline]);
    return 'ok';
  } catch (error) {
    // The first line: a reply error (MOVED 1234 127.0.0.1:7001) says enough; never a stack.
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  } finally {
    clearTimeout(timer);
  }
}
