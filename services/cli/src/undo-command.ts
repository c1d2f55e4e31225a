import { RedisStepCache } from '@tidal-remedy/cache';
import { type CliConfig, DEFAULT_REDIS_URL, TIDAL_CREDS_SECRET } from '@tidal-remedy/config';
import { RemedyIdSchema, RemedyReportSchema } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import {
  NothingToUndoError,
  PlaylistChangedSinceError,
  pipelineDepsFrom,
  undoInPlace,
} from '@tidal-remedy/pipeline';
import { createRedisConnection } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { resolveJsonSecret } from '@tidal-remedy/secrets';
import { TidalCredentialsSchema } from '@tidal-remedy/tidal';

/** An undo that was refused or could not be tried (unknown remedy, nothing to undo, changed since); exit 1. */
export class UndoCommandError extends Error {
  override readonly name = 'UndoCommandError';
}

/**
 * `pnpm remedy undo <remedy id>`: puts back a playlist a remedy of the services edited in place (its report
 * is read from their Redis), with this terminal's TIDAL credentials. Returns what to print on stdout.
 */
export async function undoCommand(
  remedyId: string,
  options: { creds: string | undefined },
  config: CliConfig,
  logger: Logger,
): Promise<string> {
  const id = RemedyIdSchema.safeParse(remedyId);
  if (!id.success) throw new UndoCommandError(`"${remedyId}" is not a remedy id (rem-…).`);
  const url = config.REDIS_URL ?? DEFAULT_REDIS_URL;
  const redis = createRedisConnection(url, 'producer', { enableOfflineQueue: true });
  redis.on('error', (error: Error) => error);
  try {
    const record = await new RemedyStore(redis, config.REDIS_PREFIX).get(id.data).catch((error: Error) => {
      throw new UndoCommandError(`Cannot reach Redis at ${new URL(url).host} (${error.message}).`);
    });
    if (!record) {
      throw new UndoCommandError(
        `No remedy ${id.data} in the services' Redis (${new URL(url).host}, prefix ${config.REDIS_PREFIX}).`,
      );
    }
    const cache = new RedisStepCache(redis, { logger });
    const report = record.reportRef ? await cache.get(record.reportRef, RemedyReportSchema) : undefined;
    const credentials = await resolveJsonSecret(TidalCredentialsSchema, {
      ...TIDAL_CREDS_SECRET,
      path: options.creds ?? config.TIDAL_CREDS_PATH,
      logger,
    });
    const deps = pipelineDepsFrom(config, { credentials, cache, redis, logger })();
    try {
      const result = await undoInPlace(deps, id.data, report?.published ?? null);
      return result.alreadyUndone
        ? `Already undone (${result.undoneAt}): the playlist is as it was before remedy ${id.data}.\n`
        : `Undone: playlist ${report!.published!.playlistId} is back as it was before remedy ${id.data}.\n`;
    } catch (error) {
      if (error instanceof NothingToUndoError || error instanceof PlaylistChangedSinceError) {
        throw new UndoCommandError(error.message);
      }
      throw error;
    }
  } finally {
    redis.disconnect();
  }
}
