import { describe, expect, it } from 'vitest';
import { WatchRequestSchema, WatchScheduleSchema } from './watch.js';

const PLAYLIST = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c';

function messageOf(schedule: unknown): string {
  const result = WatchScheduleSchema.safeParse(schedule);
  if (result.success) throw new Error(`expected ${JSON.stringify(schedule)} to be refused`);
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

describe('WatchScheduleSchema', () => {
  it.each([
    ['0 6 * * *', { cron: '0 6 * * *' }],
    ['  */15 * * * *  ', { cron: '*/15 * * * *' }],
    [{ cron: '*/5 * * * * *' }, { cron: '*/5 * * * * *' }],
    [
      { cron: '0 6 * * 1-5', tz: 'Europe/Oslo' },
      { cron: '0 6 * * 1-5', tz: 'Europe/Oslo' },
    ],
    [{ every: 60 }, { every: 60 }],
    [{ every: 1 / 60 }, { every: 1 / 60 }],
  ])('reads %j', (input, output) => {
    expect(WatchScheduleSchema.parse(input)).toEqual(output);
  });

  it.each([
    ['61 * * * *', /cron: expected a cron expression.*61/],
    ['every day', /cron: expected a cron expression/],
    [{ cron: '0 6 * * *', tz: 'Mars/Olympus_Mons' }, /IANA time zone/],
    [{ every: 0 }, /every: expected minutes between runs, at least 1\/60/],
    [{ every: -5 }, /at least 1\/60/],
    [{ every: 'often' }, /every:/],
    [{ every: 5, cron: '0 6 * * *' }, /one of them/],
    [{}, /one of them/],
    [{ every: 5, tz: 'UTC' }, /tz goes with cron only/],
    [{ every: 5, at: 'noon' }, /at/],
    [42, /./],
  ])('refuses %j, saying what to send', (input, message) => {
    expect(messageOf(input)).toMatch(message);
  });
});

describe('WatchRequestSchema', () => {
  it('needs a playlist, a mode and a schedule; refreshes by default', () => {
    expect(
      WatchRequestSchema.parse({ playlist: PLAYLIST, mode: 'in-place', schedule: { every: 30 } }),
    ).toEqual({
      playlist: PLAYLIST,
      mode: 'in-place',
      schedule: { every: 30 },
      unmatched: 'keep',
      countryCode: 'US',
      refresh: true,
    });
    const missing = WatchRequestSchema.safeParse({ playlist: PLAYLIST });
    expect(missing.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['mode', 'schedule']);
    expect(
      WatchRequestSchema.safeParse({ playlist: PLAYLIST, mode: 'review', schedule: '@daily' }).success,
    ).toBe(true);
  });
});
