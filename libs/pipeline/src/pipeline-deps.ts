import type { StepCache } from '@tidal-remedy/cache';
import type { CliConfig } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import {
  MemoryRequestGate,
  MemoryTokenStore,
  type RateLimitPolicy,
  RedisRequestGate,
  RedisTokenStore,
  type RequestEvent,
  RequestStats,
  type StoredToken,
  TidalClient,
  type TidalCredentials,
} from '@tidal-remedy/tidal';
import type { Cluster, Redis } from 'ioredis';
import { type CacheVersions, cacheVersionsFrom } from './cache-versions.js';

/** What every step runs over. The same steps run in a worker, in the one-process runner and in tests. */
export interface PipelineDeps {
  /** A client whose request stats belong to this job (or this remedy, in one process). */
  tidal: TidalClient;
  cache: StepCache;
  /** Prefix of cache keys: the Redis prefix, one hash tag. */
  prefix: string;
  versions: CacheVersions;
  logger?: Logger;
}

/** The settings the steps read: TIDAL's place and limits, the key prefix, the cache versions. */
export type PipelineSettings = Pick<
  CliConfig,
  | 'REDIS_PREFIX'
  | 'TIDAL_API_URL'
  | 'TIDAL_AUTH_URL'
  | 'TIDAL_TIMEOUT_MS'
  | 'TIDAL_RATE_LIMIT_PER_SECOND'
  | 'TIDAL_RATE_LIMIT_BURST'
  | 'FETCH_CACHE_VERSION'
  | 'MATCH_CACHE_VERSION'
  | 'PUBLISH_CACHE_VERSION'
>;

export interface PipelineParts {
  credentials: TidalCredentials;
  cache: StepCache;
  /**
   * With Redis, every process shares one TIDAL token and one rate limit (worker replicas, a CLI run beside
   * them); without, this process keeps its own.
   */
  redis: Redis | Cluster | null;
  logger?: Logger;
  /** Sees every TIDAL request as it ends (for metrics). */
  onRequest?: (event: RequestEvent) => void;
  /** Sees each user token renewed from TIDAL (the CLI writes the newest refresh token back to its file). */
  onTokenRenewed?: (token: StoredToken) => void;
}

/**
 * Wires the steps' dependencies once: the one place a TIDAL client is made from configuration. Each call
 * of the result gives a fresh client (its own request counts; the token and the gate shared) for one job
 * or one remedy; `rateLimit` sets how it meets a 429.
 */
export function pipelineDepsFrom(
  settings: PipelineSettings,
  parts: PipelineParts,
): (options?: { rateLimit?: Partial<RateLimitPolicy> }) => PipelineDeps {
  const prefix = settings.REDIS_PREFIX;
  const rate = { perSecond: settings.TIDAL_RATE_LIMIT_PER_SECOND, burst: settings.TIDAL_RATE_LIMIT_BURST };
  const tokenStore = parts.redis ? new RedisTokenStore(parts.redis, { prefix }) : new MemoryTokenStore();
  const gate = parts.redis ? new RedisRequestGate(parts.redis, rate, prefix) : new MemoryRequestGate(rate);
  const versions = cacheVersionsFrom(settings);
  return (options = {}) => ({
    tidal: new TidalClient({
      credentials: parts.credentials,
      apiUrl: settings.TIDAL_API_URL,
      authUrl: settings.TIDAL_AUTH_URL,
      tokenStore,
      gate,
      timeoutMs: settings.TIDAL_TIMEOUT_MS,
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      stats: new RequestStats(parts.onRequest),
      ...(parts.logger ? { logger: parts.logger } : {}),
      ...(parts.onTokenRenewed ? { onTokenRenewed: parts.onTokenRenewed } : {}),
    }),
    cache: parts.cache,
    prefix,
    versions,
    ...(parts.logger ? { logger: parts.logger } : {}),
  });
}
