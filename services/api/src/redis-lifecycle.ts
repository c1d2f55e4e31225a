import type { Logger } from '@tidal-remedy/log';
import type { RedisConnection } from '@tidal-remedy/queue';

/**
 * Logs the producer connection going down and coming back, once per change: ioredis reports an error on
 * every reconnect attempt, which would flood the log while Redis is away.
 */
export function watchRedis(redis: RedisConnection, logger: Logger): void {
  let up: boolean | null = null;
  const down = (fields: Record<string, unknown>) => {
    if (up !== false)
      logger.warn(fields, 'Redis connection lost; requests that need it get 503 until it is back');
    up = false;
  };
  redis.on('ready', () => {
    if (up !== true) logger.info('Redis connection ready');
    up = true;
  });
  redis.on('error', (error) => down({ err: error }));
  // A socket closed without an error (Redis restarted) shows up only as a reconnect.
  redis.on('reconnecting', () => down({}));
}
