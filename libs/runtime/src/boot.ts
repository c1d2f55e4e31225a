import { ConfigError, loadConfig } from '@tidal-remedy/config';
import { createLogger, type Logger } from '@tidal-remedy/log';
import type { z } from 'zod';

/**
 * Reads a service's configuration and makes its logger. A bad environment is reported on stderr as the
 * list of variables to fix, and the process exits 1: there is nothing useful to do without a config.
 */
export function boot<Schema extends z.ZodObject>(
  name: string,
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): { config: z.output<Schema>; logger: Logger } {
  let config: z.output<Schema>;
  try {
    config = loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  }
  const level = (config as { LOG_LEVEL?: string }).LOG_LEVEL;
  const logger = createLogger({ name, level });
  // Config holds no secrets (those come from the secrets lib), and the logger masks credentials anyway.
  logger.info({ config }, 'configuration');
  return { config, logger };
}
