import type { Logger } from '@tidal-remedy/log';
import type { RedisConnection } from './redis-connection.js';

/**
 * Logs a connection going down and coming back, once per change, with the first error: ioredis reports an
 * error on every reconnect attempt (each node's, on a Cluster), which would flood the log while Redis is
 * away. `whileDown` says what the service does meanwhile. Being a listener, it also keeps ioredis from
 * printing "Unhandled error event" with a stack trace on stderr.
 */
export function watchRedis(redis: RedisConnection, logger: Logger, whileDown: string): void {
  let up: boolean | null = null;
  const down = (fields: Record<string, unknown>) => {
    if (up !== false) logger.warn(fields, `Redis connection lost; ${whileDown}`);
    up = false;
  };
  redis.on('ready', () => {
    if (up !== true) logger.info('Redis connection ready');
    up = true;
  });
  redis.on('error', (error: Error) => down({ err: { type: error.name, message: error.message } }));
  // A socket closed without an error (Redis restarted) shows up only as a reconnect.
  redis.on('reconnecting', () => down({}));
}
