import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { redactDeep, redactText } from './redact.js';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** The service or component, logged as `name` on every line. */
  name: string;
  level?: string | undefined;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Fields on every line, such as the service's version. */
  base?: Record<string, unknown>;
}

/**
 * A pino logger that never writes a credential: secret-named fields are masked at any depth, and bearer
 * tokens or `access_token=` pairs inside messages and error texts are masked too.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => redactDeep(fields) as Record<string, unknown>,
    },
    // pino puts an error given as the only argument under `err` before `formatters.log` sees it.
    serializers: { err: (error: unknown) => redactDeep(error) },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // An error logged alone becomes the line's message too, after this hook; give it a masked one.
        if (first instanceof Error && rest.length === 0) {
          return method.apply(this, [{ err: first }, redactText(first.message)] as Parameters<typeof method>);
        }
        const masked = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
