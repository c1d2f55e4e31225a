import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Logger } from '@tidal-remedy/log';
import type { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';
import { decodeEntry } from './decode.js';
import { DEFAULT_CACHE_TTL_SECONDS, type StepCache } from './step-cache.js';

/** MGET (and pipelined SETs) in slices, so one call never carries thousands of large values. */
const MGET_SLICE = 200;

/**
 * Entries this long or longer (a playlist's snapshot, a report: megabytes at 10,000 items) are stored
 * gzipped. Not for Redis's sake alone: ioredis reads every reply through a shared buffer three times the
 * largest reply's size, and writes a string through a copy of it, so one 5 MB snapshot cost a worker some
 * 20 MB of buffers beside the text itself (bench/README.md, "Peak memory"). JSON compresses about tenfold.
 */
export const COMPRESS_FROM_CHARS = 16 * 1024;

/** What is stored for a value: its JSON, gzipped when long. */
export function encodeStored(value: unknown): string | Buffer {
  const text = JSON.stringify(value);
  return text.length >= COMPRESS_FROM_CHARS ? gzipSync(text, { level: constants.Z_BEST_SPEED }) : text;
}

/** The JSON text of a stored entry: gzip by its magic bytes (JSON never starts with 0x1f), else UTF-8. */
export function decodeStored(stored: Buffer | null | undefined): string | null {
  if (stored === null || stored === undefined) return null;
  if (stored[0] === 0x1f && stored[1] === 0x8b) {
    try {
      return gunzipSync(stored).toString('utf8');
    } catch {
      return ''; // not JSON: decodeEntry logs it as a miss
    }
  }
  return stored.toString('utf8');
}

export class RedisStepCache implements StepCache {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly options: { logger?: Logger; ttlSeconds?: number } = {},
  ) {}

  async get<Schema extends z.ZodType>(key: string, schema: Schema): Promise<z.output<Schema> | undefined> {
    return decodeEntry(key, decodeStored(await this.redis.getBuffer(key)), schema, this.options.logger);
  }

  async getMany<Schema extends z.ZodType>(
    keys: string[],
    schema: Schema,
  ): Promise<Array<z.output<Schema> | undefined>> {
    const values: Array<z.output<Schema> | undefined> = [];
    for (let start = 0; start < keys.length; start += MGET_SLICE) {
      const slice = keys.slice(start, start + MGET_SLICE);
      const stored = await this.redis.mgetBuffer(...slice);
      slice.forEach((key, index) => {
        values.push(decodeEntry(key, decodeStored(stored[index]), schema, this.options.logger));
      });
    }
    return values;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.redis.set(
      key,
      encodeStored(value),
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
        pipeline.set(key, encodeStored(value), 'EX', ttl);
      }
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    }
  }

  async close(): Promise<void> {
    // The connection belongs to the caller.
  }
}
