import { parseArgs } from 'node:util';
import {
  CountryCodeSchema,
  DEFAULT_COUNTRY_CODE,
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  ExplicitPolicySchema,
  PublishModeSchema,
  parsePlaylistRef,
  playlistRefProblem,
  UnmatchedPolicySchema,
} from '@tidal-remedy/contracts';
import { REQUEST_OPTIONS } from './request-options.js';
import { UsageError } from './usage-error.js';
import { parseWatchArgs, type WatchCommand } from './watch-args.js';

export const USAGE = `Usage: pnpm remedy <playlist id or URL> [options]
       pnpm remedy watch add|list|show|remove ...   (see pnpm remedy watch --help)
       pnpm remedy login|whoami|logout ...          your own TIDAL account (see pnpm remedy login --help)
       pnpm remedy undo <remedy id> [--creds PATH]  put back a playlist a remedy of the services edited
                                                    in place (refused once the playlist changed since)

Finds the unavailable tracks of a TIDAL playlist, picks a replacement for each, and publishes a corrected
playlist, then prints what it decided and why.

Options:
  --mode new|in-place|dry-run   new: a new playlist "<name> (remedied)" (default); in-place: edit the
                                original; dry-run: write nothing, report what would be done (review mode
                                needs the services: a remedy waits there for a person's approval)
  --unmatched keep|drop         keep unavailable tracks that have no replacement (default), or drop them
  --explicit strict|allow       strict (default): a clean track is never replaced by an explicit one;
                                allow: the explicit version may replace it when all else agrees (the
                                report flags each such replacement as needing attention)
  --country CC                  the country whose availability counts (default: your TIDAL account's,
                                else ${DEFAULT_COUNTRY_CODE})
  --creds PATH                  TIDAL credentials JSON (else TIDAL_CREDS_PATH, _UNION_TIDAL-CREDS_JSON,
                                /etc/flyte/secrets/tidal-creds/json, or the file pnpm remedy login wrote:
                                $XDG_CONFIG_HOME/tidal-remedy/tidal-creds.json)
  --emulator [SEED_FILE]        run against a TIDAL emulator started in this process (bundled catalog,
                                or SEED_FILE), with its demo credentials unless --creds is given
  --refresh                     recompute every step instead of reading the cache (results still cached)
  --summary                     print the counts and the rows that change the playlist, without reasons
  --quiet                       print only the result line (where the playlist was written)
  --json                        print exactly the report JSON on stdout, nothing else
  -h, --help                    this text`;

export interface CliOptions {
  playlist: string;
  mode: 'new' | 'in-place' | 'dry-run';
  unmatched: 'keep' | 'drop';
  explicit: ExplicitPolicy;
  /** null: not given; the account's country (GET /users/me), else DEFAULT_COUNTRY_CODE. */
  countryCode: string | null;
  creds: string | undefined;
  /** null: real TIDAL; '': the emulator with its bundled seed; else the emulator with this seed file. */
  emulator: string | null;
  refresh: boolean;
  json: boolean;
  /** How much of the report to print (--summary, --quiet; full by default). */
  detail: 'full' | 'summary' | 'quiet';
}

export { UsageError };

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'remedy'; options: CliOptions }
  | { kind: 'watch'; command: WatchCommand }
  | { kind: 'undo'; remedyId: string; creds: string | undefined };

/**
 * Reads the command line. `--emulator` takes an optional value, which parseArgs cannot express: a value
 * that follows it is its seed file only if it is not a playlist reference and not an option.
 */
export function parseCliArgs(argv: string[]): ParsedCommand {
  if (argv[0] === 'watch') return { kind: 'watch', command: parseWatchArgs(argv.slice(1)) };
  if (argv[0] === 'undo') return parseUndoArgs(argv.slice(1));
  const args = [...argv];
  let emulator: string | null = null;
  const at = args.indexOf('--emulator');
  if (at >= 0) {
    const next = args[at + 1];
    const takesValue = next !== undefined && !next.startsWith('-') && parsePlaylistRef(next) === null;
    emulator = takesValue ? next : '';
    args.splice(at, takesValue ? 2 : 1);
  }

  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(ownArgsMessage(error as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'Give the playlist to remedy: its id or its TIDAL URL.'
        : `Give one playlist, not ${positionals.length}.`,
    );
  }
  const playlist = parsePlaylistRef(positionals[0]!);
  if (playlist === null) {
    throw new UsageError(playlistRefProblem(positionals[0]!));
  }
  const pick = <T>(
    schema: { safeParse(value: unknown): { success: boolean; data?: T } },
    value: unknown,
    flag: string,
    expected: string,
  ): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw new UsageError(`${flag} must be ${expected}, not "${String(value)}".`);
    return result.data as T;
  };
  if (values.quiet && values.summary) throw new UsageError('Give --summary or --quiet, not both.');
  if (values.mode === 'review') {
    throw new UsageError(
      '--mode review needs the services (pnpm dev, compose or Kubernetes): the remedy waits there, at its ' +
        'report page, until a person approves it. Start it with POST /v1/remedies {"mode": "review"} or the ' +
        "API's start page; or run --mode dry-run here to see what would change.",
    );
  }
  return {
    kind: 'remedy',
    options: {
      playlist,
      mode: pick(PublishModeSchema, values.mode ?? 'new', '--mode', 'new, in-place or dry-run'),
      unmatched: pick(UnmatchedPolicySchema, values.unmatched ?? 'keep', '--unmatched', 'keep or drop'),
      explicit: pick(
        ExplicitPolicySchema,
        values.explicit ?? DEFAULT_EXPLICIT_POLICY,
        '--explicit',
        'strict or allow',
      ),
      countryCode:
        values.country === undefined
          ? null
          : pick(CountryCodeSchema, values.country, '--country', 'a two-letter country code'),
      creds: values.creds,
      emulator,
      refresh: values.refresh ?? false,
      json: values.json ?? false,
      detail: values.quiet ? 'quiet' : values.summary ? 'summary' : 'full',
    },
  };
}

/**
 * parseArgs' own errors say to use `--` and speak of "positionals"; this says what was given and what to do,
 * in the tool's words.
 */
export function ownArgsMessage(error: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${flag ?? ''}.`.replace(' .', '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message)
        ? `${flag ?? 'The option'} needs a value.`
        : `${flag ?? 'The option'} takes no value.`;
    default:
      return error.message;
  }
}

function parseUndoArgs(args: string[]): ParsedCommand {
  const read = () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { creds: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  let parsed: ReturnType<typeof read>;
  try {
    parsed = read();
  } catch (error) {
    throw new UsageError(ownArgsMessage(error as Error & { code?: string }));
  }
  if (parsed.values.help) return { kind: 'help' };
  if (parsed.positionals.length !== 1) {
    throw new UsageError('Give the remedy to undo: its id (rem-…), as its report page and the API show it.');
  }
  return { kind: 'undo', remedyId: parsed.positionals[0]!, creds: parsed.values.creds };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...REQUEST_OPTIONS,
      creds: { type: 'string' },
      refresh: { type: 'boolean' },
      summary: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
}
