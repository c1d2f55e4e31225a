import { type CliConfig, DEFAULT_REDIS_URL, type RedisConfig } from '@tidal-remedy/config';
import { type Watch, WatchIdSchema } from '@tidal-remedy/contracts';
import { createRedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import {
  createWatch,
  deleteWatch,
  getWatch,
  listWatches,
  type WatchDeps,
  WatchStore,
} from '@tidal-remedy/watches';
import type { WatchCommand } from './watch-args.js';

/** A watch command that could not be carried out (unknown watch, Redis unreachable); exit code 1. */
export class WatchCommandError extends Error {
  override readonly name = 'WatchCommandError';
}

/**
 * `pnpm remedy watch ...`: the same operations as `/v1/watches`, on the services' Redis directly. Returns
 * what to print on stdout.
 */
export async function watchCommand(
  command: Exclude<WatchCommand, { action: 'help' }>,
  config: Pick<CliConfig, 'REDIS_URL' | 'REDIS_PREFIX'> &
    Partial<Pick<CliConfig, 'WATCH_LIMIT'>> &
    Partial<Omit<RedisConfig, 'REDIS_URL'>>,
): Promise<string> {
  const url = config.REDIS_URL ?? DEFAULT_REDIS_URL;
  // Fails a command after a couple of reconnect attempts instead of waiting for Redis forever.
  const redis = createRedisConnection(
    { REDIS_CLUSTER_DNS_LOOKUP: true, ...config, REDIS_URL: url },
    'producer',
    { enableOfflineQueue: true },
  );
  // A connection error reaches us as the failing command's error (the ping below); without a listener,
  // the connection would also print it (the queues' errors go to no logger).
  redis.on('error', (error: Error) => error);
  const queues = new RemedyQueues({ connection: redis, prefix: config.REDIS_PREFIX });
  const deps: WatchDeps = { store: new WatchStore(redis, config.REDIS_PREFIX, config.WATCH_LIMIT), queues };
  try {
    try {
      await redis.ping();
    } catch (error) {
      throw new WatchCommandError(
        `Cannot reach Redis at ${new URL(url).host} (${(error as Error).message}); watches live in the services' ` +
          'Redis: start them (pnpm dev, docker compose up) or set REDIS_URL.',
      );
    }
    return await run(command, deps);
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

async function run(command: Exclude<WatchCommand, { action: 'help' }>, deps: WatchDeps): Promise<string> {
  const print = (value: unknown, text: string) =>
    command.json ? `${JSON.stringify(value, null, 2)}\n` : text;
  switch (command.action) {
    case 'add': {
      const watch = await createWatch(deps, command.request);
      return print(watch, `Watching ${watch.request.playlist}: ${describeWatch(watch)}\n`);
    }
    case 'list': {
      const watches = await listWatches(deps);
      const text =
        watches.length === 0
          ? 'No watches. Add one with: pnpm remedy watch add <playlist> --mode MODE --every MINUTES\n'
          : watches
              .map((watch) => `${watch.id}  ${watch.request.playlist}  ${describeWatch(watch)}\n`)
              .join('');
      return print({ watches, nextCursor: null }, text);
    }
    case 'show': {
      const watch = WatchIdSchema.safeParse(command.id).success ? await getWatch(deps, command.id) : null;
      if (watch === null) throw unknownWatch(command.id);
      const recent = watch.recentRemedies.map((id) => `  ${id}  (report: /remedies/${id})\n`).join('');
      return print(
        watch,
        `${watch.id}  ${watch.request.playlist}\n  ${describeWatch(watch)}\n` +
          (recent ? `Latest remedies, newest first:\n${recent}` : 'No runs yet.\n'),
      );
    }
    case 'remove': {
      const removed = WatchIdSchema.safeParse(command.id).success && (await deleteWatch(deps, command.id));
      if (!removed) throw unknownWatch(command.id);
      return print({ id: command.id, removed: true }, `Removed watch ${command.id}.\n`);
    }
  }
}

function unknownWatch(id: string): WatchCommandError {
  return new WatchCommandError(`There is no watch ${JSON.stringify(id)}; pnpm remedy watch list shows them.`);
}

/** `every 60 min · mode new · 3 runs (1 skipped) · last … · next …` */
export function describeWatch(watch: Watch): string {
  const schedule =
    'every' in watch.schedule
      ? `every ${watch.schedule.every} min`
      : `cron "${watch.schedule.cron}" (${watch.schedule.tz ?? 'UTC'})`;
  return [
    schedule,
    `mode ${watch.request.mode}`,
    `${watch.runs} ${watch.runs === 1 ? 'run' : 'runs'}${watch.skipped > 0 ? ` (${watch.skipped} skipped)` : ''}`,
    ...(watch.lastRunAt ? [`last ${watch.lastRunAt}`] : []),
    watch.nextRunAt ? `next ${watch.nextRunAt}` : 'not scheduled',
  ].join(' · ');
}
