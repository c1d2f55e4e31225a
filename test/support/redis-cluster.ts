import type { RedisConfig } from '@tidal-remedy/config';
import { Redis } from 'ioredis';
import { waitUntil } from './poll.js';
import { type PrivateRedis, startPrivateRedis } from './redis-server.js';

const SLOTS = 16_384;

/**
 * A Redis Cluster of private redis-servers, made the way an operator would without redis-cli: every
 * master gets an even share of the slots (CLUSTER ADDSLOTSRANGE), the nodes MEET, and the test waits
 * until each node sees the whole cluster. No replicas: a slot moves by migration, not failover.
 */
export interface RedisClusterHandle {
  nodes: PrivateRedis[];
  /** Each node's cluster id, in the order of `nodes`. */
  ids: string[];
  /** The services' configuration for this cluster; REDIS_URL names `urlNode`'s node (default 0). */
  config(urlNode?: number): RedisConfig;
  /** The same as the environment of a service process. */
  env(urlNode?: number): NodeJS.ProcessEnv;
  /** Holds every write on a node for `ms` (CLIENT PAUSE): a node that stops answering, for a while. */
  pauseWrites(node: number, ms: number): Promise<void>;
  /** The slot of a key (CLUSTER KEYSLOT). */
  slotOf(key: string): Promise<number>;
  /** The index of the node that owns a slot now. */
  ownerOf(slot: number): Promise<number>;
  /**
   * Moves a slot to another master as an operator does: IMPORTING on the target, MIGRATING on the source,
   * the keys in batches (MIGRATE, `pauseMs` between batches, so clients meet the slot half-moved: ASK and
   * TRYAGAIN), then SETSLOT NODE on every node. Returns how many keys moved.
   */
  migrateSlot(slot: number, to: number, options?: { batch?: number; pauseMs?: number }): Promise<number>;
  close(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const nodes = await Promise.all(
    Array.from({ length: masters }, () =>
      startPrivateRedis({
        args: [
          ...['--cluster-enabled', 'yes', '--cluster-config-file', '{dir}/nodes.conf'],
          ...['--cluster-node-timeout', '5000', '--cluster-require-full-coverage', 'yes'],
        ],
      }),
    ),
  );
  const admins = nodes.map((node) => new Redis(node.port, '127.0.0.1', { maxRetriesPerRequest: 1 }));
  try {
    const ids = await Promise.all(admins.map(async (admin) => String(await admin.call('CLUSTER', 'MYID'))));
    const share = Math.ceil(SLOTS / masters);
    await Promise.all(
      admins.map((admin, index) =>
        admin.call('CLUSTER', 'ADDSLOTSRANGE', index * share, Math.min(SLOTS, (index + 1) * share) - 1),
      ),
    );
    for (const [index, admin] of admins.entries()) {
      if (index > 0) await admin.call('CLUSTER', 'MEET', '127.0.0.1', nodes[0]!.port);
    }
    await waitUntil(
      'the cluster to agree on its nodes and slots',
      async () => {
        const infos = await Promise.all(admins.map((admin) => admin.call('CLUSTER', 'INFO')));
        return infos.every(
          (info) =>
            /cluster_state:ok/.test(String(info)) && String(info).includes(`cluster_known_nodes:${masters}`),
        );
      },
      { intervalMs: 100 },
    );

    const ownerOf = async (slot: number) => {
      const slots = (await admins[0]!.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
      const range = slots.find(([first, last]) => slot >= first && slot <= last);
      if (!range) throw new Error(`slot ${slot} has no owner`);
      return nodes.findIndex((node) => node.port === range[2][1]);
    };

    return {
      nodes,
      ids,
      config: (urlNode = 0) => ({
        REDIS_URL: nodes[urlNode]!.url,
        REDIS_CLUSTER_NODES: nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
        REDIS_CLUSTER_DNS_LOOKUP: true,
      }),
      env: (urlNode = 0) => ({
        REDIS_URL: nodes[urlNode]!.url,
        REDIS_CLUSTER_NODES: nodes.map((node) => `127.0.0.1:${node.port}`).join(','),
      }),
      pauseWrites: async (node, ms) => {
        await admins[node]!.call('CLIENT', 'PAUSE', ms, 'WRITE');
      },
      slotOf: async (key) => Number(await admins[0]!.call('CLUSTER', 'KEYSLOT', key)),
      ownerOf,
      async migrateSlot(slot, to, { batch = 10, pauseMs = 50 } = {}) {
        const from = await ownerOf(slot);
        if (from === to) return 0;
        const [source, target] = [admins[from]!, admins[to]!];
        await target.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', ids[from]!);
        await source.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', ids[to]!);
        let moved = 0;
        for (;;) {
          const keys = (await source.call('CLUSTER', 'GETKEYSINSLOT', slot, batch)) as string[];
          if (keys.length === 0) break;
          await source.call(
            'MIGRATE',
            '127.0.0.1',
            nodes[to]!.port,
            '',
            0,
            5_000,
            'REPLACE',
            'KEYS',
            ...keys,
          );
          moved += keys.length;
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
        // The target first, so the slot never has no owner; then the source, then everyone else.
        await target.call('CLUSTER', 'SETSLOT', slot, 'NODE', ids[to]!);
        await source.call('CLUSTER', 'SETSLOT', slot, 'NODE', ids[to]!);
        for (const [index, admin] of admins.entries()) {
          if (index !== from && index !== to) await admin.call('CLUSTER', 'SETSLOT', slot, 'NODE', ids[to]!);
        }
        return moved;
      },
      async close() {
        for (const admin of admins) admin.disconnect();
        await Promise.all(nodes.map((node) => node.close()));
      },
    };
  } catch (error) {
    for (const admin of admins) admin.disconnect();
    await Promise.all(nodes.map((node) => node.close()));
    throw error;
  }
}
