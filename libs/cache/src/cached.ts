import type { z } from 'zod';
import type { StepCache } from './step-cache.js';

export interface CachedOptions<Schema extends z.ZodType> {
  key: string;
  schema: Schema;
  /** Skip the read and recompute (Flyte's overwrite-cache); the result is still written. */
  refresh?: boolean;
}

/** Returns the cached value under `key`, or computes, stores and returns it; says which it was. */
export async function cached<Schema extends z.ZodType>(
  cache: StepCache,
  options: CachedOptions<Schema>,
  compute: () => Promise<z.output<Schema>>,
): Promise<{ value: z.output<Schema>; hit: boolean }> {
  if (!options.refresh) {
    const stored = await cache.get(options.key, options.schema);
    if (stored !== undefined) return { value: stored, hit: true };
  }
  const value = await compute();
  await cache.set(options.key, value);
  return { value, hit: false };
}
