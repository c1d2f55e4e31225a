import { readFileSync } from 'node:fs';
import type { RedisConfig } from '@tidal-remedy/config';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to Redis as every user of one takes it: a single server (or the master Sentinel names,
 * which is a `Redis` too) or a Redis Cluster. Every key lives under the prefix, one hash tag, so a
 * cluster serves the whole system from one slot; the cluster client follows that slot when it moves.
 */
export type RedisConnection = Redis | Cluster;

/**
 * - `worker`: BullMQ workers and everything a worker does; commands wait through a Redis restart
 *   (`maxRetriesPerRequest: null`, which BullMQ requires for its blocking connections).
 * - `producer`: the API; a command fails at once while Redis is down (`enableOfflineQueue: false`), so a
 *   request gets a 503 instead of hanging.
 */
export type ConnectionRole = 'worker' | 'producer';

/** Where Redis is: a URL alone (one server), or the configuration with a Cluster's nodes or Sentinels. */
export type RedisTarget = string | RedisConfig;

/** Reconnect with a capped backoff forever; a worker outlives a Redis restart. */
const retryStrategy = (times: number) => Math.min(200 * 2 ** Math.min(times, 6), 5_000);

function roleOptions(role: ConnectionRole): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
}

/** The user, password and TLS that REDIS_URL gives every node (its host is the Cluster's or Sentinel's). */
function credentialsOf(config: RedisConfig): RedisOptions {
  const url = new URL(config.REDIS_URL);
  const tls = url.protocol === 'rediss:';
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(tls ? { tls: tlsOptions(config) } : {}),
  };
}

function tlsOptions(config: RedisConfig): NonNullable<RedisOptions['tls']> {
  return config.REDIS_TLS_CA_PATH ? { ca: readFileSync(config.REDIS_TLS_CA_PATH) } : {};
}

/**
 * Makes the one kind of connection the configuration names: a Redis Cluster client with
 * `REDIS_CLUSTER_NODES`, a Sentinel-managed master with `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME`, else
 * one server at `REDIS_URL`. `extra` applies to every server connection.
 */
export function createRedisConnection(target: string, role: ConnectionRole, extra?: RedisOptions): Redis;
export function createRedisConnection(
  target: RedisTarget,
  role: ConnectionRole,
  extra?: RedisOptions,
): RedisConnection;
export function createRedisConnection(
  target: RedisTarget,
  role: ConnectionRole,
  extra: RedisOptions = {},
): RedisConnection {
  const options: RedisOptions = { ...roleOptions(role), retryStrategy, ...extra };
  if (typeof target === 'string') return new Redis(target, options);
  if (target.REDIS_CLUSTER_NODES) return createCluster(target, role, options);
  if (target.REDIS_SENTINELS && target.REDIS_SENTINEL_NAME) {
    const credentials = credentialsOf(target);
    return new Redis({
      ...options,
      ...credentials,
      sentinels: target.REDIS_SENTINELS,
      name: target.REDIS_SENTINEL_NAME,
      // The sentinels are asked for the master on every reconnect: a master that dies drops the
      // connection, which then finds the one they promoted. (Not ioredis' failoverDetector: after a
      // failover its subscriptions to the sentinels outlive quit(), and the process never exits.)
      sentinelRetryStrategy: retryStrategy,
      ...(credentials.tls ? { enableTLSForSentinelMode: true, sentinelTLS: credentials.tls } : {}),
      // A master demoted while connected answers READONLY: reconnect (to the master the sentinels name
      // now) and send the command again there.
      reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    });
  }
  const credentials = target.REDIS_TLS_CA_PATH ? { tls: tlsOptions(target) } : {};
  return new Redis(target.REDIS_URL, { ...options, ...credentials });
}

function createCluster(config: RedisConfig, role: ConnectionRole, options: RedisOptions): Cluster {
  const { enableOfflineQueue, enableReadyCheck, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    // Per node; BullMQ reads maxRetriesPerRequest here (null for its blocking worker connections).
    redisOptions: { ...nodeOptions, ...credentialsOf(config) },
    clusterRetryStrategy: retryStrategy,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(enableReadyCheck === undefined ? {} : { enableReadyCheck }),
    // A command that meets a slot in motion (MOVED, ASK, TRYAGAIN, CLUSTERDOWN during a failover) is tried
    // again after the slots are read anew; a worker waits long, a producer answers 503 soon.
    maxRedirections: role === 'worker' ? 64 : 16,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 100,
    retryDelayOnMoved: 0,
    slotsRefreshTimeout: 2_000,
    ...(config.REDIS_CLUSTER_NAT_MAP ? { natMap: config.REDIS_CLUSTER_NAT_MAP } : {}),
    // Managed clusters with TLS: connect to the host names as given, since their certificates name them.
    ...(config.REDIS_CLUSTER_DNS_LOOKUP === false
      ? {
          dnsLookup: (address: string, callback: (error: null, address: string) => void) =>
            callback(null, address),
        }
      : {}),
  };
  return new Cluster(config.REDIS_CLUSTER_NODES ?? [], clusterOptions);
}

/** Quits politely when connected; otherwise drops the reconnect attempts. */
export async function closeRedis(redis: RedisConnection): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}
