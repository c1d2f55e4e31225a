import { WatchListSchema, WatchSchema } from '@tidal-remedy/contracts';
import { RemedyQueues } from '@tidal-remedy/queue';
import { spawnTs } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWatchArgs } from './watch-args.js';
import { WatchCommandError, watchCommand } from './watch-command.js';

const PLAYLIST = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c';
const prefix = testPrefix('cli-watch');
const config = { REDIS_URL: redisUrl(), REDIS_PREFIX: prefix };
let redis: Redis;
let queues: RemedyQueues;

beforeAll(() => {
  redis = connectRedis();
  queues = new RemedyQueues({ connection: redis, prefix });
});
afterAll(async () => {
  await queues.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function run(argv: string[]): Promise<string> {
  const command = parseWatchArgs(argv);
  if (command.action === 'help') throw new Error('expected a command');
  return watchCommand(command, config);
}

describe('pnpm remedy watch', () => {
  it('adds, lists, shows and removes a watch in the services’ Redis, with its job scheduler', async () => {
    const added = WatchSchema.parse(
      JSON.parse(await run(['add', PLAYLIST, '--mode', 'in-place', '--cron', '30 5 * * *', '--json'])),
    );
    expect(await queues.byStep.watch.getJobScheduler(added.id)).toMatchObject({
      pattern: '30 5 * * *',
      tz: 'UTC',
    });
    expect(await run(['add', PLAYLIST, '--mode', 'review', '--every', '1440'])).toMatch(
      new RegExp(`^Watching ${PLAYLIST}: every 1440 min · mode review · 0 runs · next \\S+\\n$`),
    );

    const listed = await run(['list']);
    expect(listed.split('\n').filter(Boolean)).toHaveLength(2);
    expect(listed).toContain(`${added.id}  ${PLAYLIST}  cron "30 5 * * *" (UTC) · mode in-place · 0 runs`);
    expect(await run(['show', added.id])).toContain('No runs yet.');

    expect(await run(['remove', added.id])).toBe(`Removed watch ${added.id}.\n`);
    expect(await queues.byStep.watch.getJobScheduler(added.id)).toBeUndefined();
    await expect(run(['remove', added.id])).rejects.toThrow(WatchCommandError);
    await expect(run(['show', 'not-a-watch'])).rejects.toThrow(/There is no watch "not-a-watch"/);
  });

  it('keeps to WATCH_LIMIT, as the API does', async () => {
    const capped = { REDIS_URL: redisUrl(), REDIS_PREFIX: testPrefix('cli-watch-cap'), WATCH_LIMIT: 1 };
    const add = (argv: string[]) => {
      const command = parseWatchArgs(argv);
      if (command.action === 'help') throw new Error('expected a command');
      return watchCommand(command, capped);
    };
    try {
      await add(['add', PLAYLIST, '--mode', 'dry-run', '--cron', '0 4 * * *']);
      await expect(add(['add', PLAYLIST, '--mode', 'dry-run', '--cron', '0 5 * * *'])).rejects.toThrow(
        /WATCH_LIMIT/,
      );
    } finally {
      await deletePrefix(redis, capped.REDIS_PREFIX);
    }
  });

  it('says so, without a stack, when Redis cannot be reached', async () => {
    const command = parseWatchArgs(['list']);
    if (command.action === 'help') throw new Error('expected a command');
    await expect(
      watchCommand(command, { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: prefix }),
    ).rejects.toThrow(/Cannot reach Redis at 127\.0\.0\.1:1 .*start them \(pnpm dev/);
  });

  it('runs from the command line: the JSON list is the API’s answer; help exits 0; a bad line exits 2', async () => {
    const env = { REDIS_URL: redisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
    const list = spawnTs('services/cli/src/main.ts', env, ['watch', 'list', '--json']);
    const help = spawnTs('services/cli/src/main.ts', env, ['watch', '--help']);
    const bad = spawnTs('services/cli/src/main.ts', env, ['watch', 'add', PLAYLIST, '--every', '5']);
    expect(await list.exited).toBe(0);
    expect(WatchListSchema.parse(JSON.parse(list.lines.join('\n'))).watches).toHaveLength(1);
    expect(await help.exited).toBe(0);
    expect(help.lines[0]).toMatch(/^Usage: pnpm remedy watch add/);
    expect(await bad.exited).toBe(2);
    expect(bad.lines.join('\n')).toContain('Run pnpm remedy watch --help for the options.');
  });
});
