import { z } from 'zod';
import {
  flag,
  hostPortList,
  hostPortMap,
  httpUrl,
  nonNegativeNumber,
  port,
  positiveInt,
  positiveNumber,
  trustProxy,
} from './fields.js';

/**
 * One schema per service. Each variable is declared once here with its description; the README's table and
 * the deployment tests read these schemas, so a variable used anywhere is documented and deployable.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_REDIS_PREFIX = '{tidal-remedy}';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const commonEnv = {
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe('Log level: fatal, error, warn, info, debug, trace or silent.'),
};

/**
 * Where Redis is when it is more than one server: a Redis Cluster, or a master that Sentinel names. Either
 * way REDIS_URL still gives the user, the password and TLS (`rediss://`); its host is then not used.
 */
function redisTopologyEnv() {
  return {
    REDIS_CLUSTER_NODES: hostPortList()
      .optional()
      .describe(
        'Redis Cluster: some of its nodes as host:port, comma-separated (the others are discovered). Set, every connection speaks Redis Cluster and follows its slots as they move; REDIS_URL then gives only the user, password and TLS (rediss://).',
      ),
    REDIS_CLUSTER_NAT_MAP: hostPortMap()
      .optional()
      .describe(
        'Redis Cluster behind NAT or in another network: each address a node announces, mapped to where this process reaches it, as announced-host:port=host:port, comma-separated.',
      ),
    REDIS_CLUSTER_DNS_LOOKUP: flag(true).describe(
      "Redis Cluster: resolve the nodes' host names before connecting. false for a managed cluster with TLS whose certificates name hosts, not addresses (AWS ElastiCache).",
    ),
    REDIS_SENTINELS: hostPortList()
      .optional()
      .describe(
        'Redis Sentinel: the sentinels as host:port, comma-separated; with REDIS_SENTINEL_NAME every connection asks them for the current master and follows a failover. REDIS_URL then gives only the user, password and TLS.',
      ),
    REDIS_SENTINEL_NAME: z
      .string()
      .optional()
      .describe(
        'Redis Sentinel: the name of the master the sentinels monitor (their `sentinel monitor <name>`).',
      ),
    REDIS_TLS_CA_PATH: z
      .string()
      .optional()
      .describe(
        "With rediss://: a PEM file of the CA that signed Redis's certificates, when it is not one the system trusts.",
      ),
  };
}

/** REDIS_SENTINELS and REDIS_SENTINEL_NAME go together; Sentinel and Cluster exclude each other. */
export function checkRedisTopology(
  config: { REDIS_CLUSTER_NODES?: unknown; REDIS_SENTINELS?: unknown; REDIS_SENTINEL_NAME?: unknown },
  ctx: z.RefinementCtx,
): void {
  const problem = (variable: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  if (config.REDIS_SENTINELS !== undefined && config.REDIS_SENTINEL_NAME === undefined)
    problem('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS: the name of the master they monitor');
  if (config.REDIS_SENTINEL_NAME !== undefined && config.REDIS_SENTINELS === undefined)
    problem('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_NAME: the sentinels to ask, as host:port');
  if (config.REDIS_CLUSTER_NODES !== undefined && config.REDIS_SENTINELS !== undefined)
    problem(
      'REDIS_SENTINELS',
      'cannot be set with REDIS_CLUSTER_NODES: Redis is either a Cluster or a Sentinel set',
    );
}

export const redisEnv = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .default(DEFAULT_REDIS_URL)
    .describe(
      'Redis for the queues, the cache and remedy records. Must run with maxmemory-policy noeviction, and with appendonly yes in production: a Redis that restarts without persistence loses every remedy in flight.',
    ),
  REDIS_PREFIX: z
    .string()
    .regex(
      /^\{[^{}]+\}$/,
      'expected one hash tag such as {tidal-remedy}, so every key lands on one Redis Cluster slot',
    )
    .default(DEFAULT_REDIS_PREFIX)
    .describe('Prefix of every Redis key and BullMQ queue; one hash tag, for Redis Cluster.'),
  ...redisTopologyEnv(),
};

export const tidalEnv = {
  TIDAL_API_URL: httpUrl('https://openapi.tidal.com/v2').describe(
    "TIDAL's API base URL (the emulator's in demos).",
  ),
  TIDAL_AUTH_URL: httpUrl('https://auth.tidal.com/v1/oauth2/token').describe("TIDAL's OAuth token endpoint."),
  TIDAL_LOGIN_URL: httpUrl('https://login.tidal.com/authorize').describe(
    "TIDAL's login page (authorization code flow with PKCE; the emulator's /authorize in demos).",
  ),
  TIDAL_CREDS_PATH: z
    .string()
    .optional()
    .describe(
      'Explicit path to the TIDAL credentials JSON; wins over the Flyte env variable and mounted file.',
    ),
  TIDAL_TIMEOUT_MS: positiveInt(10_000).describe('Timeout of one TIDAL request, in milliseconds.'),
  TIDAL_RATE_LIMIT_PER_SECOND: positiveNumber(10).describe(
    "Requests per second to TIDAL, shared by every replica (through Redis); set it to your TIDAL app's limit.",
  ),
  TIDAL_RATE_LIMIT_BURST: positiveInt(10).describe(
    'Requests that may go to TIDAL at once after a quiet spell.',
  ),
};

export const flyteSecretsEnv = {
  FLYTE_SECRETS_DEFAULT_DIR: z
    .string()
    .default('/etc/flyte/secrets')
    .describe('Directory where secrets are mounted as <dir>/<group>/<key>.'),
  FLYTE_SECRETS_FILE_PREFIX: z.string().default('').describe('Prefix of mounted secret file names.'),
  FLYTE_SECRETS_ENV_PREFIX: z
    .string()
    .default('_UNION_')
    .describe('Prefix of secret environment variables: <prefix><GROUP>_<KEY>, upper-cased.'),
};

export const cacheEnv = {
  FETCH_CACHE_VERSION: z
    .string()
    .optional()
    .describe('Overrides the fetch step cache version in code; change it to re-read playlists.'),
  MATCH_CACHE_VERSION: z
    .string()
    .optional()
    .describe('Overrides the match step cache version in code; change it to re-match tracks.'),
  PUBLISH_CACHE_VERSION: z.string().optional().describe('Overrides the publish step cache version in code.'),
};

export const workerEnv = {
  WORKER_CONCURRENCY: positiveInt(4).describe('Jobs one worker process runs at once.'),
  HEALTH_PORT: port(8081).describe(
    'Port of the worker health endpoint (GET /healthz, /readyz) used by probes.',
  ),
  SHUTDOWN_TIMEOUT_MS: positiveInt(30_000).describe(
    'On SIGTERM, how long to let running jobs finish before leaving.',
  ),
  WORKER_LOCK_DURATION_MS: positiveInt(30_000).describe(
    "How long a job stays locked to a worker that stopped renewing the lock (it died); the stalled-job check runs this often too, so another worker takes a dead worker's job over within about twice this.",
  ),
};

/** Read by whatever creates watches (the API, `pnpm remedy watch add`), so both keep to the same cap. */
const watchLimitEnv = {
  WATCH_LIMIT: positiveInt(1_000).describe(
    'The most watches a deployment keeps; past it POST /v1/watches answers 409 watch_limit and `pnpm remedy watch add` refuses.',
  ),
};

export const apiEnv = z
  .object({
    ...commonEnv,
    ...redisEnv,
    ...flyteSecretsEnv,
    PORT: port(8080).describe('Port the HTTP API listens on.'),
    PUBLIC_URL: z
      .url({ error: 'expected a URL' })
      .optional()
      .describe('Base URL clients reach the API at, for links in responses; defaults to the request host.'),
    HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000).describe(
      'A request, headers and body, must arrive within this many ms, else 408 (a slow client holds no connection longer).',
    ),
    HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000).describe(
      "A request's headers must arrive within this many ms, else 408 (at most HTTP_REQUEST_TIMEOUT_MS).",
    ),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000).describe(
      'An idle kept-alive connection is closed after this many ms.',
    ),
    HTTP_MAX_CONNECTIONS: positiveInt(1_000).describe(
      'Connections the API holds at once; more are closed as they come.',
    ),
    QUEUE_BOARD_WRITABLE: flag(false).describe(
      'Let the queue board (/admin/queues) change queues and jobs (pause, retry, clean, add, edit); read-only otherwise.',
    ),
    ...watchLimitEnv,
    TRUST_PROXY: trustProxy().describe(
      "Express's trust proxy: which proxies' X-Forwarded-Proto/-Host/-For to believe (true, a number of hops, or addresses such as loopback, 10.0.0.0/8). Only then do the request's origin (for the forms' check and links without PUBLIC_URL) and the Secure cookie follow them.",
    ),
    API_AUTH: flag(true).describe(
      'Require the bearer token (secret remedy-api/token) on every route but /healthz and /readyz; the API does not start without it.',
    ),
    METRICS_SCRAPE_AUTH: flag(false).describe(
      'Also accept a scrape credential (secret remedy-metrics/token) on GET /metrics, and on no other route, so Prometheus can scrape without the API token; the API does not start without it.',
    ),
  })
  .superRefine(checkRedisTopology);

const pipelineWorkerEnv = {
  ...commonEnv,
  ...redisEnv,
  ...tidalEnv,
  ...flyteSecretsEnv,
  ...cacheEnv,
  ...workerEnv,
};
export const fetcherEnv = z.object(pipelineWorkerEnv).superRefine(checkRedisTopology);
export const matcherEnv = z
  .object({
    ...pipelineWorkerEnv,
    // A match job is one or two TIDAL calls and a few ms of scoring: more of them in flight keep the shared
    // rate limit busy (the gate, not this, bounds the request rate).
    WORKER_CONCURRENCY: positiveInt(16).describe('Match jobs one matcher process runs at once.'),
  })
  .superRefine(checkRedisTopology);
export const publisherEnv = z.object(pipelineWorkerEnv).superRefine(checkRedisTopology);

/**
 * `pnpm remedy` (mode 1): Redis is optional there; without REDIS_URL the cache is a directory.
 * `pnpm remedy watch` talks to the services' Redis: REDIS_URL, or DEFAULT_REDIS_URL as `pnpm dev` runs it.
 */
export const cliEnv = z
  .object({
    ...commonEnv,
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
      .optional()
      .describe(
        'Mode 1: cache step results in this Redis instead of a directory. `pnpm remedy watch` manages the watches in this Redis (default redis://127.0.0.1:6379).',
      ),
    REDIS_PREFIX: redisEnv.REDIS_PREFIX,
    ...redisTopologyEnv(),
    ...tidalEnv,
    ...flyteSecretsEnv,
    ...cacheEnv,
    ...watchLimitEnv,
    CACHE_DIR: z
      .string()
      .optional()
      .describe('Mode 1 without Redis: where step results are cached (default ~/.cache/tidal-remedy).'),
  })
  .superRefine(checkRedisTopology);

/** The TIDAL emulator (services/tidal-emulator); each variable also has a flag (`--latency-ms`, …). */
export const emulatorEnv = z.object({
  ...commonEnv,
  PORT: port(8090).describe('Port the TIDAL emulator listens on.'),
  TIDAL_EMULATOR_SEED: z
    .string()
    .optional()
    .describe('Emulator: its seed file (default: the bundled catalog).'),
  TIDAL_EMULATOR_HOST: z
    .string()
    .optional()
    .describe('Emulator: the address it listens on (default 127.0.0.1; 0.0.0.0 in a container).'),
  TIDAL_EMULATOR_LATENCY_MS: nonNegativeNumber(0).describe(
    'Emulator: latency added to every request, in ms.',
  ),
  TIDAL_EMULATOR_ERROR_RATE: nonNegativeNumber(0).describe(
    'Emulator: share of requests answered 500 (0 to 1).',
  ),
  TIDAL_EMULATOR_RATE_LIMIT_RPS: positiveNumber(1_000_000)
    .optional()
    .describe(
      'Emulator: requests per second per client before it answers 429 with Retry-After (unset: no limit).',
    ),
  TIDAL_EMULATOR_RATE_LIMIT_BURST: positiveInt(1).optional().describe('Emulator: burst of its rate limit.'),
  TIDAL_EMULATOR_TOKEN_LIFETIME_SECONDS: positiveInt(3600).describe(
    'Emulator: lifetime of the tokens it issues.',
  ),
  TIDAL_EMULATOR_PRNG_SEED: nonNegativeNumber(1).describe(
    'Emulator: seed of its randomness (ids, injected errors).',
  ),
  TIDAL_EMULATOR_PAGE_SIZE: positiveInt(20).describe('Emulator: items per page of its cursor pagination.'),
});

export type ApiConfig = z.output<typeof apiEnv>;
export type FetcherConfig = z.output<typeof fetcherEnv>;
export type MatcherConfig = z.output<typeof matcherEnv>;
export type PublisherConfig = z.output<typeof publisherEnv>;
export type WorkerConfig = FetcherConfig;

/** What a Redis connection is made from (createRedisConnection): the URL, and the topology when there is one. */
export type RedisConfig = Pick<
  ApiConfig,
  | 'REDIS_URL'
  | 'REDIS_CLUSTER_NODES'
  | 'REDIS_CLUSTER_NAT_MAP'
  | 'REDIS_CLUSTER_DNS_LOOKUP'
  | 'REDIS_SENTINELS'
  | 'REDIS_SENTINEL_NAME'
  | 'REDIS_TLS_CA_PATH'
>;

export type CliConfig = z.output<typeof cliEnv>;

/** Every service's schema, by service folder name. */
export const serviceEnv = {
  api: apiEnv,
  fetcher: fetcherEnv,
  matcher: matcherEnv,
  publisher: publisherEnv,
  'tidal-emulator': emulatorEnv,
} as const;
