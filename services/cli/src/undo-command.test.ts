import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedisStepCache } from '@tidal-remedy/cache';
import { cliEnv, loadConfig } from '@tidal-remedy/config';
import { createLogger } from '@tidal-remedy/log';
import { pipelineDepsFrom, runRemedy } from '@tidal-remedy/pipeline';
import { RemedyStore, reportRefOf } from '@tidal-remedy/remedies';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import { TidalCredentialsSchema } from '@tidal-remedy/tidal';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndoCommandError, undoCommand } from './undo-command.js';

let redis: Redis;
let emulator: EmulatorHandle;
let dir: string;
const prefix = testPrefix('cli-undo');
let clock = Date.parse('2026-12-01T00:00:00Z');
const logger = createLogger({ name: 'test', level: 'silent' });

beforeAll(async () => {
  redis = connectRedis();
  emulator = await startEmulator({
    seed: await loadSeedFile(DEFAULT_SEED_PATH),
    port: 0,
    now: () => (clock += 1000),
  });
  dir = await mkdtemp(path.join(tmpdir(), 'cli-undo-'));
});
afterAll(async () => {
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await rm(dir, { recursive: true, force: true });
});

describe('pnpm remedy undo', () => {
  it('puts back a playlist a remedy of the services edited in place, once', async () => {
    const config = loadConfig(cliEnv, {
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      TIDAL_API_URL: emulator.url,
      TIDAL_AUTH_URL: emulator.authUrl,
    });
    const credentials = TidalCredentialsSchema.parse(seedCredentials(DEMO_ACCOUNT));
    const creds = path.join(dir, 'creds.json');
    await writeFile(creds, JSON.stringify(seedCredentials(DEMO_ACCOUNT)));
    const itemsOf = () =>
      emulator.state().playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!.items;
    const before = itemsOf().map((item) => item.trackId);

    // A remedy as the services leave it: its record in Redis, done, with its report in the cache.
    const cache = new RedisStepCache(redis);
    const request = {
      playlist: DEMO_ACCOUNT.playlistId,
      mode: 'in-place',
      unmatched: 'drop',
      countryCode: 'US',
      refresh: true,
      explicit: 'strict',
    } as const;
    const report = await runRemedy(request, pipelineDepsFrom(config, { credentials, cache, redis: null })());
    expect(itemsOf().map((item) => item.trackId)).not.toEqual(before);
    const store = new RemedyStore(redis, prefix);
    const { record } = await store.create(request);
    const reportRef = reportRefOf(prefix, record.id, 0);
    await cache.set(reportRef, report);
    await store.setState(record.id, 0, 'done', { reportRef });

    expect(await undoCommand(record.id, { creds }, config, logger)).toMatch(/^Undone: playlist /);
    expect(itemsOf().map((item) => item.trackId)).toEqual(before);
    expect(await undoCommand(record.id, { creds }, config, logger)).toMatch(/^Already undone/);
    await expect(undoCommand('rem-nosuchremedy', { creds }, config, logger)).rejects.toThrow(
      /No remedy rem-nosuchremedy in the services' Redis/,
    );
    await expect(undoCommand('12', { creds }, config, logger)).rejects.toBeInstanceOf(UndoCommandError);
  });
});
