import type { Logger } from '@tidal-remedy/log';
import type { z } from 'zod';

/** Parses and validates one stored entry; anything wrong is a logged miss. */
export function decodeEntry<Schema extends z.ZodType>(
  key: string,
  text: string | null | undefined,
  schema: Schema,
  logger: Logger | undefined,
): z.output<Schema> | undefined {
  if (text === null || text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    logger?.warn({ cacheKey: key }, 'cache entry is not JSON; treating it as a miss');
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)');
  logger?.warn({ cacheKey: key, fields }, 'cache entry does not match its schema; treating it as a miss');
  return undefined;
}
