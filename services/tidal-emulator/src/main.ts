import { resolve } from 'node:path';
import { createLogger } from '@tidal-remedy/log';
import { readCliOptions } from './cli-options.js';
import { startEmulator } from './emulator.js';
import { loadSeedFile } from './seed-file.js';

const logger = createLogger({ name: 'tidal-emulator' });

try {
  const options = readCliOptions(process.argv.slice(2), process.env);
  // Through `pnpm --filter … start` the working directory is the package; read paths from where pnpm ran.
  const seedPath = resolve(process.env.INIT_CWD ?? process.cwd(), options.seedPath);
  const { knobs } = options;
  const seed = await loadSeedFile(seedPath);
  const emulator = await startEmulator({ ...knobs, seed, logger });
  logger.info(
    { apiUrl: emulator.url, authUrl: emulator.authUrl, seedPath },
    'set TIDAL_API_URL and TIDAL_AUTH_URL to these',
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  logger.error({ err: error }, (error as Error).message);
  process.exitCode = 1;
}
