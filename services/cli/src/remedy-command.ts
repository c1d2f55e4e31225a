import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheDir, FileStepCache, RedisStepCache, type StepCache } from '@tidal-remedy/cache';
import { type CliConfig, TIDAL_CREDS_SECRET } from '@tidal-remedy/config';
import type { RemedyReport } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import { cacheVersionsFrom, type ProgressEvent, runRemedy } from '@tidal-remedy/pipeline';
import { createRedisConnection } from '@tidal-remedy/queue';
import { resolveJsonSecret } from '@tidal-remedy/secrets';
import {
  MemoryRequestGate,
  MemoryTokenStore,
  RedisRequestGate,
  RedisTokenStore,
  type RequestGate,
  TidalClient,
  TidalCredentialsSchema,
  type TokenStore,
} from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  loadSeedFile,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { CliOptions } from './cli-args.js';

/** Something to undo when the command ends (an emulator to stop, a connection to close). */
type Cleanup = () => Promise<void>;

/**
 * Mode 1: one remedy in this process. With `--emulator`, an emulator starts here and the client is pointed
 * at it by its two URLs, exactly as it would be at TIDAL; its cache lives in a temporary directory, since
 * the emulator's state (the playlists it publishes) lives only as long as this process.
 */
export async function remedyCommand(
  options: CliOptions,
  config: CliConfig,
  logger: Logger,
  onProgress: (event: ProgressEvent) => void,
): Promise<RemedyReport> {
  const cleanups: Cleanup[] = [];
  try {
    let apiUrl = config.TIDAL_API_URL;
    let authUrl = config.TIDAL_AUTH_URL;
    let credentials: unknown;
    let cacheDir = config.CACHE_DIR ?? defaultCacheDir();

    if (options.emulator !== null) {
      const seedPath = options.emulator === '' ? DEFAULT_SEED_PATH : path.resolve(options.emulator);
      const emulator = await startEmulator({ seed: await loadSeedFile(seedPath), port: 0 });
      cleanups.push(() => emulator.close());
      apiUrl = emulator.url;
      authUrl = emulator.authUrl;
      credentials = options.creds ? undefined : TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT));
      if (!config.CACHE_DIR) {
        cacheDir = await mkdtemp(path.join(tmpdir(), 'tidal-remedy-emulator-'));
        cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
      }
      logger.info({ apiUrl, seedPath }, 'using the TIDAL emulator');
    }
    credentials ??= await resolveJsonSecret(TidalCredentialsSchema, {
      ...TIDAL_CREDS_SECRET,
      path: options.creds ?? config.TIDAL_CREDS_PATH,
      logger,
    });

    let cache: StepCache;
    let tokenStore: TokenStore;
    let gate: RequestGate;
    const rateLimit = { perSecond: config.TIDAL_RATE_LIMIT_PER_SECOND, burst: config.TIDAL_RATE_LIMIT_BURST };
    if (config.REDIS_URL && options.emulator === null) {
      // With Redis, this process shares the cache, the token and the rate limit with any running workers.
      const redis = createRedisConnection(config.REDIS_URL, 'worker');
      cleanups.push(async () => void (await redis.quit()));
      cache = new RedisStepCache(redis, { logger });
      tokenStore = new RedisTokenStore(redis, { prefix: config.REDIS_PREFIX });
      gate = new RedisRequestGate(redis, rateLimit, config.REDIS_PREFIX);
    } else {
      cache = new FileStepCache(cacheDir, { logger });
      tokenStore = new MemoryTokenStore();
      gate = new MemoryRequestGate(rateLimit);
    }

    const tidal = new TidalClient({
      credentials: credentials as ReturnType<typeof TidalCredentialsSchema.parse>,
      apiUrl,
      authUrl,
      tokenStore,
      gate,
      timeoutMs: config.TIDAL_TIMEOUT_MS,
      logger,
    });
    return await runRemedy(
      {
        playlist: options.playlist,
        mode: options.mode,
        unmatched: options.unmatched,
        countryCode: options.countryCode,
        refresh: options.refresh,
        explicit: options.explicit,
      },
      { tidal, cache, prefix: config.REDIS_PREFIX, versions: cacheVersionsFrom(config), logger },
      { onProgress },
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
