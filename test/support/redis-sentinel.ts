import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RedisConfig } from '@tidal-remedy/config';
import { Redis } from 'ioredis';
import { waitUntil } from './poll.js';
import { type ChildHandle, spawnProcess } from './process.js';
import { freePort, type PrivateRedis, startPrivateRedis } from './redis-server.js';

export const SENTINEL_MASTER_NAME = 'tr-main';

/**
 * A Sentinel set of private servers: a master, a replica of it, and three sentinels (`redis-server
 * --sentinel`, quorum 2) that call the master down after 1 s without an answer and fail over to the
 * replica.
 */
export interface RedisSentinelHandle {
  master: PrivateRedis;
  replica: PrivateRedis;
  sentinelPorts: number[];
  /** The services' configuration: REDIS_SENTINELS and REDIS_SENTINEL_NAME (REDIS_URL's host unused). */
  config(): RedisConfig;
  env(): NodeJS.ProcessEnv;
  /** The port of the master the sentinels name now. */
  masterPort(): Promise<number>;
  /** Kills the master (SIGKILL) and waits until the sentinels have promoted the replica. */
  killMasterAndFailOver(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisSentinel(): Promise<RedisSentinelHandle> {
  const master = await startPrivateRedis();
  const replica = await startPrivateRedis({
    args: ['--replicaof', '127.0.0.1', String(master.port), '--replica-announce-ip', '127.0.0.1'],
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'tr-sentinel-'));
  const sentinels: ChildHandle[] = [];
  const sentinelPorts: number[] = [];
  const close = async () => {
    for (const sentinel of sentinels) if (sentinel.child.exitCode === null) sentinel.child.kill('SIGKILL');
    await Promise.all(sentinels.map((sentinel) => sentinel.exited));
    await Promise.all([master.close(), replica.close()]);
    await rm(dir, { recursive: true, force: true });
  };
  const ask = async <T>(port: number, ...args: Array<string | number>): Promise<T> => {
    const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1, lazyConnect: true });
    client.on('error', (error: Error) => error);
    try {
      await client.connect();
      return (await client.call(...(args.map(String) as [string, ...string[]]))) as T;
    } finally {
      client.disconnect();
    }
  };
  try {
    await waitUntil('the replica to be in sync', async () =>
      String(await ask(replica.port, 'INFO', 'replication')).includes('master_link_status:up'),
    );
    for (let index = 0; index < 3; index++) {
      const port = await freePort();
      const file = path.join(dir, `sentinel-${index}.conf`);
      await writeFile(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
          `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = spawnProcess('redis-server', [file, '--sentinel']);
      sentinels.push(sentinel);
      sentinelPorts.push(port);
      await sentinel.waitFor(/\+monitor master/, 10_000);
    }
    await waitUntil(
      'every sentinel to know the replica and the other sentinels',
      async () => {
        for (const port of sentinelPorts) {
          const replicas = await ask<unknown[]>(port, 'SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME);
          const others = await ask<unknown[]>(port, 'SENTINEL', 'SENTINELS', SENTINEL_MASTER_NAME);
          if (replicas.length < 1 || others.length < 2) return false;
        }
        return true;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  } catch (error) {
    await close();
    throw error;
  }

  const masterPort = async () => {
    const [, port] = await ask<[string, string]>(
      sentinelPorts[0]!,
      'SENTINEL',
      'GET-MASTER-ADDR-BY-NAME',
      SENTINEL_MASTER_NAME,
    );
    return Number(port);
  };
  const config = (): RedisConfig => ({
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_CLUSTER_DNS_LOOKUP: true,
    REDIS_SENTINELS: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
    REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
  });
  return {
    master,
    replica,
    sentinelPorts,
    config,
    env: () => ({
      REDIS_SENTINELS: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
      REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
    }),
    masterPort,
    async killMasterAndFailOver() {
      await master.stop('SIGKILL');
      await waitUntil(
        'the sentinels to promote the replica',
        async () =>
          (await masterPort()) === replica.port &&
          String(await ask(replica.port, 'ROLE')).startsWith('master'),
        { timeoutMs: 30_000, intervalMs: 100 },
      );
    },
    close,
  };
}
