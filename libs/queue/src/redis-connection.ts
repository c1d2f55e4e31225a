import { Redis, type RedisOptions } from 'ioredis';

/**
 * - `worker`: BullMQ workers and everything a worker does; commands wait through a Redis restart
 *   (`maxRetriesPerRequest: null`, which BullMQ requires for its blocking connections).
 * - `producer`: the API; a command fails at once while Redis is down (`enableOfflineQueue: false`), so a
 *   request gets a 503 instead of hanging.
 */
export type ConnectionRole = 'worker' | 'producer';

export function createRedisConnection(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  // Reconnect with a capped backoff forever; a worker outlives a Redis restart.
  const retryStrategy = (times: number) => Math.min(200 * 2 ** Math.min(times, 6), 5_000);
  return new Redis(url, { ...options, retryStrategy, ...extra });
}

/** Whether Redis answers now (readiness probes). */
export async function redisAnswers(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
