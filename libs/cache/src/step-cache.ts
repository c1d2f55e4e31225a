import type { z } from 'zod';

/**
 * The per-step result cache, which is also where step outputs live while a remedy runs (job payloads carry
 * keys, not outputs). Implementations validate on read: an entry that is missing, unreadable, not JSON or
 * not of the schema is a miss, logged, and overwritten by the next write.
 */
export interface StepCache {
  get<Schema extends z.ZodType>(key: string, schema: Schema): Promise<z.output<Schema> | undefined>;
  /** Several entries at once (one round trip in Redis); misses are `undefined` at their index. */
  getMany<Schema extends z.ZodType>(
    keys: string[],
    schema: Schema,
  ): Promise<Array<z.output<Schema> | undefined>>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Several entries at once (one round trip in Redis). `ttlSeconds` overrides how long they live, for
   * entries meant to outlive step results (the memory of tracks' details); a file cache keeps them until
   * they are overwritten or deleted.
   */
  setMany(
    entries: ReadonlyArray<readonly [string, unknown]>,
    options?: { ttlSeconds?: number },
  ): Promise<void>;
  close(): Promise<void>;
}

/** How long an entry lives: long enough for any remedy to finish and be read back. */
export const DEFAULT_CACHE_TTL_SECONDS = 30 * 24 * 60 * 60;
