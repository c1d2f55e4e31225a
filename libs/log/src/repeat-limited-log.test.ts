import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';
import { repeatLimitedLog } from './repeat-limited-log.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: 'test',
    level: 'debug',
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { lines, logger };
}

/** A Redis reply error as ioredis makes it: with the command, whose arguments may be a whole script. */
function movedError(slot: number) {
  return Object.assign(new Error(`MOVED ${slot} 127.0.0.1:7001`), {
    name: 'ReplyError',
    command: { name: 'evalsha', args: ['--[[ a long Lua script ]]', '{tidal-remedy}:remedy-fetch:wait'] },
  });
}

describe('repeatLimitedLog', () => {
  it('logs the first of a kind at once, counts the repeats, and says "repeated N times" once per interval', () => {
    vi.useFakeTimers();
    try {
      const { lines, logger } = capture();
      const log = repeatLimitedLog(logger, { intervalMs: 10_000 });
      for (let i = 0; i < 1_000; i++) log(movedError(i % 3), 'worker error', { queue: 'remedy-fetch' });
      log(new Error('connect ECONNREFUSED 127.0.0.1:6379'), 'worker error');
      expect(lines.map((line) => line.msg)).toEqual(['worker error', 'worker error']);
      expect(lines[0]).toMatchObject({
        level: 'error',
        queue: 'remedy-fetch',
        err: { type: 'ReplyError', message: 'MOVED 0 127.0.0.1:7001', command: 'evalsha' },
      });
      expect(JSON.stringify(lines[0])).not.toContain('Lua script');

      vi.advanceTimersByTime(10_000);
      expect(lines.slice(2).map((line) => line.msg)).toEqual(['worker error (repeated 999 times in 10 s)']);
      expect(lines[2]).toMatchObject({ repeated: 999, queue: 'remedy-fetch' });

      // Still going: one summary per interval; then quiet for an interval: the next is logged in full.
      log(movedError(1), 'worker error');
      vi.advanceTimersByTime(10_000);
      expect(lines.slice(3).map((line) => line.msg)).toEqual(['worker error (repeated 1 times in 10 s)']);
      vi.advanceTimersByTime(20_000);
      log(movedError(1), 'worker error');
      expect(lines.slice(4).map((line) => line.msg)).toEqual(['worker error']);
      log(movedError(2), 'worker error');
      log.close();
      expect(lines.slice(5).map((line) => line.msg)).toEqual(['worker error (repeated 1 times in 0 s)']);
    } finally {
      vi.useRealTimers();
    }
  });
});
