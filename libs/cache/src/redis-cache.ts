import type { Logger } from '@tidal-remedy/log';
import type { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';
import { decodeEntry } from './decode.js';
import { DEFAULT_CACHE_TTL_SECONDS, type StepCache } from './step-cache.js';

/** MGET (and pipelined SETs) in slices, so one call never carries thousands of large values. */
const MGET_SLICE = 200;

export class RedisStepCache implements StepCache {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly options: { logger?: Logger; ttlSeconds?: number } = {},
  ) {}

  async get<Schema extends z.ZodType>(key: string, schema: Schema): Promise<z.output<Schema> | undefined> {
    return decodeEntry(key, await this.redis.get(key), schema, this.options.logger);
  }

  async getMany<Schema extends z.ZodType>(
    keys: string[],
    schema: Schema,
  ): Promise<Array<z.output<Schema> | undefined>> {
    const values: Array<z.output<Schema> | undefined> = [];
    for (let start = 0; start < keys.length; start += MGET_SLICE) {
      const slice = keys.slice(start, start + MGET_SLICE);
      const texts = await this.redis.mget(...slice);
      slice.forEach((key, index) => {
        values.push(decodeEntry(key, texts[index], schema, this.options.logger));
      });
    }
    return values;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.redis.set(
      key,
      JSON.stringify(value),
      'EX',
      this.options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS,
    );
  }

  async setMany(
    entries: ReadonlyArray<readonly [string, unknown]>,
    options: { ttlSeconds?: number } = {},
  ): Promise<void> {
    const ttl = options.ttlSeconds ?? this.options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
    for (let start = 0; start < entries.length; start += MGET_SLICE) {
      const pipeline = this.redis.pipeline();
      for (const [key, value] of entries.slice(start, start + MGET_SLICE)) {
        pipeline.set(key, JSON.stringify(value), 'EX', ttl);
      }
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    }
  }

  async close(): Promise<void> {
    // The connection belongs to the caller.
  }
}
