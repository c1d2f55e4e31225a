import { z } from 'zod';
import { flag, httpUrl, nonNegativeNumber, port, positiveInt } from './fields.js';

/**
 * One schema per service. Each variable is declared once here with its description; the README's table and
 * the deployment tests read these schemas, so a variable used anywhere is documented and deployable.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_REDIS_PREFIX = '{tidal-remedy}';

export const commonEnv = {
  LOG_LEVEL: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe('Log level: fatal, error, warn, info, debug, trace or silent.'),
};

export const redisEnv = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379')
    .describe(
      'Redis for the queues, the cache and remedy records. Must run with maxmemory-policy noeviction.',
    ),
  REDIS_PREFIX: z
    .string()
    .regex(
      /^\{[^{}]+\}$/,
      'expected one hash tag such as {tidal-remedy}, so every key lands on one Redis Cluster slot',
    )
    .default(DEFAULT_REDIS_PREFIX)
    .describe('Prefix of every Redis key and BullMQ queue; one hash tag, for Redis Cluster.'),
};

export const tidalEnv = {
  TIDAL_API_URL: httpUrl('https://openapi.tidal.com/v2').describe(
    "TIDAL's API base URL (the emulator's in demos).",
  ),
  TIDAL_AUTH_URL: httpUrl('https://auth.tidal.com/v1/oauth2/token').describe("TIDAL's OAuth token endpoint."),
  TIDAL_CREDS_PATH: z
    .string()
    .optional()
    .describe(
      'Explicit path to the TIDAL credentials JSON; wins over the Flyte env variable and mounted file.',
    ),
  TIDAL_TIMEOUT_MS: positiveInt(10_000).describe('Timeout of one TIDAL request, in milliseconds.'),
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
};

export const apiEnv = z.object({
  ...commonEnv,
  ...redisEnv,
  ...flyteSecretsEnv,
  PORT: port(8080).describe('Port the HTTP API listens on.'),
  PUBLIC_URL: z
    .url({ error: 'expected a URL' })
    .optional()
    .describe('Base URL clients reach the API at, for links in responses; defaults to the request host.'),
  API_AUTH: flag(true).describe('Require a bearer token (secret remedy-api/token) on /v1 and /admin routes.'),
});

const pipelineWorkerEnv = {
  ...commonEnv,
  ...redisEnv,
  ...tidalEnv,
  ...flyteSecretsEnv,
  ...cacheEnv,
  ...workerEnv,
};
export const fetcherEnv = z.object(pipelineWorkerEnv);
export const matcherEnv = z.object(pipelineWorkerEnv);
export const publisherEnv = z.object(pipelineWorkerEnv);

/** `pnpm remedy` (mode 1): Redis is optional there; without REDIS_URL the cache is a directory. */
export const cliEnv = z.object({
  ...commonEnv,
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional()
    .describe('Mode 1: cache step results in this Redis instead of a directory.'),
  REDIS_PREFIX: redisEnv.REDIS_PREFIX,
  ...tidalEnv,
  ...flyteSecretsEnv,
  ...cacheEnv,
  CACHE_DIR: z
    .string()
    .optional()
    .describe('Mode 1 without Redis: where step results are cached (default ~/.cache/tidal-remedy).'),
});

export const emulatorEnv = z.object({
  ...commonEnv,
  PORT: port(8090).describe('Port the TIDAL emulator listens on.'),
  EMULATOR_SEED: z.string().optional().describe('Seed file of the emulator (default: the bundled catalog).'),
  EMULATOR_LATENCY_MS: nonNegativeNumber(0).describe('Emulator: added latency per request, in milliseconds.'),
});

export type ApiConfig = z.output<typeof apiEnv>;
export type FetcherConfig = z.output<typeof fetcherEnv>;
export type MatcherConfig = z.output<typeof matcherEnv>;
export type PublisherConfig = z.output<typeof publisherEnv>;
export type WorkerConfig = FetcherConfig;

export type CliConfig = z.output<typeof cliEnv>;

/** Every service's schema, by service folder name. */
export const serviceEnv = {
  api: apiEnv,
  fetcher: fetcherEnv,
  matcher: matcherEnv,
  publisher: publisherEnv,
  'tidal-emulator': emulatorEnv,
} as const;
