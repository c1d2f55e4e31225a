import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheDir, FileStepCache, RedisStepCache } from '@tidal-remedy/cache';
import { type CliConfig, DEFAULT_REDIS_URL } from '@tidal-remedy/config';
import type { RemedyReport } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import {
  assertCanPublish,
  type ProgressEvent,
  pipelineDepsFrom,
  resolveCountry,
  runRemedy,
} from '@tidal-remedy/pipeline';
import { createRedisConnection } from '@tidal-remedy/queue';
import { type StoredToken, type TidalCredentials, TidalCredentialsSchema } from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  loadSeedFile,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { CliOptions } from './cli-args.js';
import { resolveCliCredentials, writeBackRenewed } from './creds-file.js';

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
    let settings = config;
    let credentials: TidalCredentials | undefined;
    let cacheDir = config.CACHE_DIR ?? defaultCacheDir();

    if (options.emulator !== null) {
      const seedPath = options.emulator === '' ? DEFAULT_SEED_PATH : path.resolve(options.emulator);
      const emulator = await startEmulator({ seed: await loadSeedFile(seedPath), port: 0 });
      cleanups.push(() => emulator.close());
      settings = { ...config, TIDAL_API_URL: emulator.url, TIDAL_AUTH_URL: emulator.authUrl };
      credentials = options.creds ? undefined : TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT));
      if (!config.CACHE_DIR) {
        cacheDir = await mkdtemp(path.join(tmpdir(), 'tidal-remedy-emulator-'));
        cleanups.push(() => rm(cacheDir, { recursive: true, force: true }));
      }
      logger.info({ apiUrl: emulator.url, seedPath }, 'using the TIDAL emulator');
    }
    let credsFile: string | null = null;
    if (!credentials) {
      const resolved = await resolveCliCredentials(options.creds, config, logger);
      credentials = resolved.credentials;
      credsFile = resolved.file;
    }

    // With Redis, this process shares the cache, the token and the rate limit with any running workers.
    const redisUrl =
      config.REDIS_URL ??
      (config.REDIS_CLUSTER_NODES || config.REDIS_SENTINELS ? DEFAULT_REDIS_URL : undefined);
    const redis =
      redisUrl && options.emulator === null
        ? createRedisConnection({ ...config, REDIS_URL: redisUrl }, 'worker')
        : null;
    if (redis) cleanups.push(async () => void (await redis.quit()));
    const cache = redis ? new RedisStepCache(redis, { logger }) : new FileStepCache(cacheDir, { logger });
    const file = credsFile;
    const deps = pipelineDepsFrom(settings, {
      credentials,
      cache,
      redis,
      logger,
      ...(file ? { onTokenRenewed: (token: StoredToken) => writeBackRenewed(file, token) } : {}),
    });
    const pipeline = deps();
    // Before the first read: a write mode needs credentials that can publish.
    await assertCanPublish(pipeline.tidal, options.mode);
    const country = await resolveCountry(pipeline.tidal, options.countryCode);
    return await runRemedy(
      {
        playlist: options.playlist,
        mode: options.mode,
        unmatched: options.unmatched,
        ...country,
        refresh: options.refresh,
        explicit: options.explicit,
      },
      pipeline,
      { onProgress },
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
