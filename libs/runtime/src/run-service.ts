import type { Logger } from '@tidal-remedy/log';

/** What a started service hands back: how to stop it. */
export interface RunningService {
  stop(): Promise<void>;
}

export interface RunServiceOptions {
  logger: Logger;
  /** Starts the service; resolves once it serves. */
  start(): Promise<RunningService>;
  /** How long `stop()` may take before the process leaves anyway. */
  shutdownTimeoutMs?: number;
  signals?: NodeJS.Signals[];
}

/**
 * The lifecycle every service shares: start, log, and on SIGTERM or SIGINT stop once (a second signal while
 * stopping forces the exit), then exit 0, or 1 when start or stop failed or took too long.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const { logger, shutdownTimeoutMs = 30_000, signals = ['SIGTERM', 'SIGINT'] } = options;
  let running: RunningService;
  try {
    running = await options.start();
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    logger.flush();
    process.exitCode = 1;
    return;
  }
  logger.info('started');

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while stopping; leaving now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      logger.error({ shutdownTimeoutMs }, 'stop took too long; leaving now');
      process.exit(1);
    }, shutdownTimeoutMs);
    deadline.unref();
    running.stop().then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
        logger.flush();
        for (const name of signals) process.off(name, onSignal);
        process.exitCode = 0;
      },
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        logger.flush();
        process.exit(1);
      },
    );
  };
  for (const name of signals) process.on(name, onSignal);
}
