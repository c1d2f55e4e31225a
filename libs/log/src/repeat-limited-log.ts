import type { Logger } from 'pino';

export interface RepeatLimitedLogOptions {
  /** How often a summary of the repeats is written while they go on (default 30 s). */
  intervalMs?: number;
  /** Level of the first line of each kind and of the summaries (default `error`). */
  level?: 'error' | 'warn';
  now?: () => number;
}

export interface RepeatLimitedLog {
  /** Logs an error the first time its kind is seen in an interval; later ones are counted. */
  (error: unknown, msg: string, fields?: Record<string, unknown>): void;
  /** Writes the summaries still owed and stops the timer. */
  close(): void;
}

interface Seen {
  msg: string;
  fields: Record<string, unknown>;
  err: Record<string, unknown>;
  repeats: number;
  since: number;
}

/**
 * An error log that does not flood: while a fault lasts (Redis down, a node answering MOVED), ioredis and
 * BullMQ report it many times a second. The first of each kind (the message given, the error's type, code
 * and message with numbers taken out) is logged at once; repeats are counted, and once per interval while
 * they go on one line says "repeated N times"; after a quiet interval the next one is logged in full. Errors are logged compactly: a Redis reply error's command (BullMQ sends
 * whole Lua scripts and job data) is cut to its name, the stack to a few frames.
 */
export function repeatLimitedLog(logger: Logger, options: RepeatLimitedLogOptions = {}): RepeatLimitedLog {
  const intervalMs = options.intervalMs ?? 30_000;
  const level = options.level ?? 'error';
  const now = options.now ?? Date.now;
  const seen = new Map<string, Seen>();
  let timer: NodeJS.Timeout | null = null;

  const flush = (all: boolean) => {
    const at = now();
    for (const [key, entry] of seen) {
      if (!all && at - entry.since < intervalMs) continue;
      if (entry.repeats === 0) {
        // Quiet for a whole interval: the fault is over; its next occurrence is logged in full.
        seen.delete(key);
        continue;
      }
      logger[level](
        { ...entry.fields, err: entry.err, repeated: entry.repeats, overMs: at - entry.since },
        `${entry.msg} (repeated ${entry.repeats} times in ${Math.round((at - entry.since) / 1000)} s)`,
      );
      if (all) seen.delete(key);
      else Object.assign(entry, { repeats: 0, since: at });
    }
    if (seen.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };

  const log = ((error: unknown, msg: string, fields: Record<string, unknown> = {}) => {
    const err = compactError(error);
    const key = `${msg}|${err.type}|${err.code ?? ''}|${String(err.message).replace(/\d+/g, '#')}`;
    const entry = seen.get(key);
    if (entry) {
      entry.repeats += 1;
      return;
    }
    seen.set(key, { msg, fields, err, repeats: 0, since: now() });
    logger[level]({ ...fields, err }, msg);
    if (!timer) {
      timer = setInterval(() => flush(false), Math.max(10, Math.min(intervalMs, 5_000)));
      timer.unref();
    }
  }) as RepeatLimitedLog;
  log.close = () => flush(true);
  return log;
}

const STACK_FRAMES = 4;

/** An error as a log field: type, message, code, the command's name (never its arguments), a short stack. */
export function compactError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const { code, command } = error as { code?: unknown; command?: { name?: unknown } };
  return {
    type: error.name,
    message: error.message.split('\n')[0],
    ...(code === undefined ? {} : { code }),
    ...(typeof command?.name === 'string' ? { command: command.name } : {}),
    ...(error.stack
      ? {
          stack: error.stack
            .split('\n')
            .slice(0, STACK_FRAMES + 1)
            .join('\n'),
        }
      : {}),
  };
}
