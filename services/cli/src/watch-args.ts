import { parseArgs } from 'node:util';
import { type WatchRequest, WatchRequestSchema } from '@tidal-remedy/contracts';
import { REQUEST_OPTIONS } from './request-options.js';
import { UsageError } from './usage-error.js';

export const WATCH_USAGE = `Usage: pnpm remedy watch add <playlist id or URL> --mode MODE (--every MINUTES | --cron "EXPR" [--tz ZONE]) [options]
       pnpm remedy watch list [--json]
       pnpm remedy watch show <watch id> [--json]
       pnpm remedy watch remove <watch id>

Keeps playlists healthy: a watch re-checks a playlist on a schedule, and each run is an ordinary remedy
with its own report. The services run them (mode 2: pnpm dev, docker compose or Kubernetes; the fetcher
takes the schedule's ticks); these commands manage the watches in the services' Redis directly, as
POST/GET/DELETE /v1/watches do: REDIS_URL (default redis://127.0.0.1:6379) and REDIS_PREFIX.

Commands:
  add <playlist>              register a watch and print it
  list                        every watch: id, playlist, schedule, runs, next run
  show <watch id>             one watch, with its latest remedies
  remove <watch id>           stop a watch; the remedies it started and their reports stay

Options of add:
  --mode new|in-place|dry-run|review
                              what each run does (required); review: each run waits for your approval
                              at its report page, and the next run waits until it is published
  --every MINUTES             minutes between runs (fractions allowed, at least 1/60: one second)
  --cron "EXPR"               a cron expression: minute hour day-of-month month day-of-week, such as
                              "0 6 * * 1" (Mondays at 06:00); read in UTC unless --tz is given
  --tz ZONE                   an IANA time zone for --cron, such as Europe/Oslo
  --unmatched keep|drop       what happens to tracks without a replacement (default keep)
  --explicit strict|allow     whether an explicit version may replace a clean track (default strict)
  --country CC                the country whose availability counts (default US)
  --no-refresh                let runs read the step cache; by default each run reads the playlist
                              afresh, since availability changes without the playlist changing
Options of every command:
  --json                      print JSON (the API's answer) instead of text
  -h, --help                  this text

Examples:
  pnpm remedy watch add https://tidal.com/browse/playlist/<uuid> --mode in-place --cron "0 6 * * *" --tz Europe/Oslo
  pnpm remedy watch add <uuid> --mode review --every 1440
  pnpm remedy watch list
  pnpm remedy watch remove wat-…`;

export type WatchCommand =
  | { action: 'help' }
  | { action: 'add'; request: WatchRequest; json: boolean }
  | { action: 'list'; json: boolean }
  | { action: 'show'; id: string; json: boolean }
  | { action: 'remove'; id: string; json: boolean };

const ACTIONS = ['add', 'list', 'show', 'remove'] as const;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        ...REQUEST_OPTIONS,
        every: { type: 'string' },
        cron: { type: 'string' },
        tz: { type: 'string' },
        'no-refresh': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads `pnpm remedy watch ...`; the watch itself is checked by the API's schema, WatchRequestSchema. */
export function parseWatchArgs(argv: string[]): WatchCommand {
  const { values, positionals } = parse(argv);
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === 'help') return { action: 'help' };
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`"${action}" is not a watch command; use add, list, show or remove.`);
  }
  const json = values.json ?? false;
  const only = (allowed: string[]) => {
    const given = Object.keys(values).filter((name) => !['json', ...allowed].includes(name));
    if (given.length > 0) throw new UsageError(`watch ${action} takes no --${given[0]}.`);
  };

  if (action === 'list') {
    only([]);
    if (rest.length > 0) throw new UsageError('watch list takes no arguments.');
    return { action, json };
  }
  if (action === 'show' || action === 'remove') {
    only([]);
    if (rest.length !== 1) throw new UsageError(`Give the watch to ${action}: its id, such as wat-…`);
    return { action, id: rest[0]!, json };
  }

  if (rest.length !== 1) throw new UsageError('Give the playlist to watch: its id or its TIDAL URL.');
  if (values.every !== undefined && values.cron !== undefined) {
    throw new UsageError('Give --every or --cron, not both.');
  }
  if (values.every === undefined && values.cron === undefined) {
    throw new UsageError('Give the schedule: --every MINUTES or --cron "EXPR".');
  }
  const every = values.every === undefined ? undefined : Number(values.every);
  if (every !== undefined && !Number.isFinite(every)) {
    throw new UsageError(`--every takes minutes, such as 60 or 0.5, not "${values.every}".`);
  }
  const parsed = WatchRequestSchema.safeParse({
    playlist: rest[0],
    mode: values.mode,
    schedule:
      every !== undefined
        ? { every }
        : { cron: values.cron, ...(values.tz === undefined ? {} : { tz: values.tz }) },
    ...(values.unmatched === undefined ? {} : { unmatched: values.unmatched }),
    ...(values.explicit === undefined ? {} : { explicit: values.explicit }),
    ...(values.country === undefined ? {} : { countryCode: values.country }),
    refresh: !(values['no-refresh'] ?? false),
  });
  if (!parsed.success) {
    const flag: Record<string, string> = {
      playlist: 'the playlist',
      mode: '--mode (new, in-place, dry-run or review)',
      'schedule.every': '--every',
      'schedule.cron': '--cron',
      'schedule.tz': '--tz',
      schedule: 'the schedule',
      unmatched: '--unmatched (keep or drop)',
      explicit: '--explicit (strict or allow)',
      countryCode: '--country',
    };
    throw new UsageError(
      parsed.error.issues
        .map((issue) => {
          const path = issue.path.join('.');
          return `${flag[path] ?? (path || 'the watch')}: ${issue.message}`;
        })
        .join('\n'),
    );
  }
  return { action: 'add', request: parsed.data, json };
}
