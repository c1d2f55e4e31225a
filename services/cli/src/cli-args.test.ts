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
      countryCode: 'US',
      creds: undefined,
      emulator: null,
      refresh: false,
      json: false,
    });
  });

  it('reads every option, and a playlist URL', () => {
    const parsed = options([
      `https://listen.tidal.com/playlist/${ID}?u`,
      '--mode',
      'in-place',
      '--unmatched',
      'drop',
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
    [['not-a-playlist'], /not a TIDAL playlist id or URL/],
    [[ID, '--mode', 'sideways'], /--mode must be new, in-place or dry-run/],
    [[ID, '--unmatched', 'hide'], /--unmatched must be keep or drop/],
    [[ID, '--country', 'USA'], /--country must be a two-letter country code/],
    [[ID, '--colour'], /Unknown option/],
  ])('rejects %j with a message that says what to fix', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
