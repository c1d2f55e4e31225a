import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './cli-args.js';

const ID = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c';

function options(argv: string[]) {
  const parsed = parseCliArgs(argv);
  if (parsed.kind !== 'remedy') throw new Error('expected a remedy command');
  return parsed.options;
}

describe('parseCliArgs', () => {
  it('applies defaults', () => {
    expect(options([ID])).toEqual({
      playlist: ID,
      mode: 'new',
      unmatched: 'keep',
      explicit: 'strict',
      countryCode: null,
      creds: undefined,
      emulator: null,
      refresh: false,
      json: false,
      detail: 'full',
    });
  });

  it('reads --summary and --quiet, but not both', () => {
    expect(options([ID, '--summary']).detail).toBe('summary');
    expect(options([ID, '--quiet']).detail).toBe('quiet');
    expect(() => parseCliArgs([ID, '--quiet', '--summary'])).toThrow(/--summary or --quiet, not both/);
  });

  it('reads every option, and a playlist URL', () => {
    const parsed = options([
      `https://listen.tidal.com/playlist/${ID}?u`,
      '--mode',
      'in-place',
      '--unmatched',
      'drop',
      '--explicit',
      'allow',
      '--country',
      'gb',
      '--creds',
      '/tmp/creds.json',
      '--refresh',
      '--json',
    ]);
    expect(parsed).toMatchObject({
      playlist: ID,
      mode: 'in-place',
      unmatched: 'drop',
      explicit: 'allow',
      countryCode: 'GB',
      creds: '/tmp/creds.json',
      refresh: true,
      json: true,
    });
  });

  it('takes --emulator with or without a seed file, before or after the playlist', () => {
    expect(options(['--emulator', ID]).emulator).toBe('');
    expect(options([ID, '--emulator']).emulator).toBe('');
    expect(options(['--emulator', 'seed.json', ID]).emulator).toBe('seed.json');
    expect(options([ID, '--emulator', 'seed.json', '--json']).emulator).toBe('seed.json');
    expect(options(['--emulator', '--json', ID]).emulator).toBe('');
  });

  it('answers --help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /Give the playlist/],
    [[ID, ID], /one playlist/],
    [['not-a-playlist'], /^"not-a-playlist" is not a TIDAL playlist id \(a UUID/],
    [
      ['https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M'],
      /is a Spotify link; tidal-remedy works on TIDAL playlists/,
    ],
    [['spotify:playlist:37i9dQZF1DXcBWIGoYBM5M'], /is a Spotify link/],
    [['https://tidal.com/browse/album/251380836'], /is a link to an album on TIDAL, not to a playlist/],
    [['https://listen.tidal.com/track/251380837'], /is a link to a track on TIDAL, not to a playlist/],
    [['https://tidal.com/browse/playlist/12345'], /is a TIDAL link without a playlist id \(a UUID\)/],
    [['https://example.com/playlist/x'], /is a link to example.com, not to TIDAL/],
    [[ID, '--mode', 'sideways'], /--mode must be new, in-place or dry-run/],
    [[ID, '--unmatched', 'hide'], /--unmatched must be keep or drop/],
    [[ID, '--explicit', 'yes'], /--explicit must be strict or allow/],
    [[ID, '--country', 'USA'], /--country must be a two-letter country code/],
    [[ID, '--colour'], /^Unknown option --colour\.$/],
    [[ID, '--country'], /^--country needs a value\.$/],
    [[ID, '--refresh=yes'], /^--refresh takes no value\.$/],
  ])('rejects %j with a message that says what to fix', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('parseCliArgs: undo', () => {
  it('reads the remedy id and --creds, and asks for the id when it is missing', () => {
    expect(parseCliArgs(['undo', 'rem-abcdef12', '--creds', 'c.json'])).toEqual({
      kind: 'undo',
      remedyId: 'rem-abcdef12',
      creds: 'c.json',
    });
    expect(() => parseCliArgs(['undo'])).toThrow(/Give the remedy to undo: its id \(rem-…\)/);
    expect(() => parseCliArgs(['undo', 'rem-abcdef12', '--mode', 'new'])).toThrow(
      /^Unknown option --mode\.$/,
    );
  });
});

describe('parseCliArgs: watch', () => {
  const watch = (argv: string[]) => {
    const parsed = parseCliArgs(['watch', ...argv]);
    if (parsed.kind !== 'watch') throw new Error('expected a watch command');
    return parsed.command;
  };

  it('reads add with a cron schedule, a time zone and every option', () => {
    expect(
      watch([
        'add',
        `https://tidal.com/browse/playlist/${ID}`,
        '--mode',
        'in-place',
        '--cron',
        '0 6 * * 1',
        '--tz',
        'Europe/Oslo',
        '--unmatched',
        'drop',
        '--explicit',
        'allow',
        '--country',
        'gb',
        '--no-refresh',
        '--json',
      ]),
    ).toEqual({
      action: 'add',
      json: true,
      request: {
        playlist: ID,
        mode: 'in-place',
        schedule: { cron: '0 6 * * 1', tz: 'Europe/Oslo' },
        unmatched: 'drop',
        countryCode: 'GB',
        refresh: false,
        explicit: 'allow',
      },
    });
  });

  it('reads add with --every minutes, review mode, and refresh on by default', () => {
    expect(watch(['add', ID, '--mode', 'review', '--every', '0.5'])).toMatchObject({
      action: 'add',
      json: false,
      request: { mode: 'review', schedule: { every: 0.5 }, refresh: true },
    });
  });

  it('reads list, show and remove, and help in every form', () => {
    expect(watch(['list'])).toEqual({ action: 'list', json: false });
    expect(watch(['show', 'wat-abcdefgh', '--json'])).toEqual({
      action: 'show',
      id: 'wat-abcdefgh',
      json: true,
    });
    expect(watch(['remove', 'wat-abcdefgh'])).toEqual({ action: 'remove', id: 'wat-abcdefgh', json: false });
    for (const argv of [[], ['--help'], ['help'], ['add', '-h']])
      expect(watch(argv)).toEqual({ action: 'help' });
  });

  it.each([
    [['pause'], /"pause" is not a watch command/],
    [['add', ID, '--every', '5'], /--mode .*expected one of/],
    [['add', ID, '--mode', 'new'], /Give the schedule/],
    [['add', ID, '--mode', 'new', '--every', '5', '--cron', '* * * * *'], /--every or --cron, not both/],
    [['add', ID, '--mode', 'new', '--every', 'hourly'], /--every takes minutes/],
    [['add', ID, '--mode', 'new', '--every', '5', '--explicit', 'yes'], /--explicit \(strict or allow\): /],
    [['add', ID, '--mode', 'new', '--every', '0'], /--every: expected minutes between runs/],
    [['add', ID, '--mode', 'new', '--cron', '99 * * * *'], /--cron: expected a cron expression/],
    [['add', ID, '--mode', 'new', '--cron', '0 6 * * *', '--tz', 'Nowhere/Land'], /IANA time zone/],
    [['add', 'not-a-playlist', '--mode', 'new', '--every', '5'], /the playlist: expected a TIDAL playlist/],
    [['add', '--mode', 'new', '--every', '5'], /Give the playlist to watch/],
    [['list', '--mode', 'new'], /watch list takes no --mode/],
    [['show'], /Give the watch to show/],
    [['remove', 'a', 'b'], /Give the watch to remove/],
  ])('rejects watch %j with a message that says what to fix', (argv, message) => {
    expect(() => watch(argv)).toThrow(UsageError);
    expect(() => watch(argv)).toThrow(message);
  });

  it('refuses --mode review for a remedy in this process, saying where it runs', () => {
    expect(() => parseCliArgs([ID, '--mode', 'review'])).toThrow(/needs the services/);
  });
});
