import {
  type RemedyReport,
  type ReportItem,
  type Track,
  trackArtists,
  trackTitle,
} from '@tidal-remedy/contracts';
import { terminalSafe } from './terminal-text.js';

const DECISION_LABEL: Record<ReportItem['decision'], string> = {
  isrc: 'same recording',
  match: 'match',
  none: 'no match',
};

function truncate(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function describeTrack(track: Track): string {
  return `${trackArtists(track) || 'unknown artist'} – ${trackTitle(track)}`;
}

function duration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

const COUNTRY_WHY = {
  request: '',
  account: ' (your TIDAL account’s country)',
  default: ' (the default: no --country, and TIDAL did not tell the account’s country)',
} as const;

/** How much of the report to print: all of it, the counts and the changed rows, or the result line. */
export type ReportDetail = 'full' | 'summary' | 'quiet';

export interface FormatOptions {
  /** The terminal's width (`process.stdout.columns`); 100 when not a terminal. Never narrower than 60. */
  columns?: number | undefined;
  detail?: ReportDetail;
}

/** The width of the fixed columns: position (4), decision (14), score (5) and the four gaps of 2. */
const FIXED_WIDTH = 4 + 14 + 5 + 4 * 2;

/** Words of `text` in lines at most `width` wide, each continuation indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const empty = line === '' || (lines.length === 0 && line === lead);
    const next = empty ? `${line}${word}` : `${line} ${word}`;
    const limit = lines.length === 0 ? width : width - indent.length;
    if (next.length <= limit || empty) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines
    .map((text, n) => (n === 0 ? text : `${indent}${text}`))
    .map((text) => truncateEnd(text, width));
}

function truncateEnd(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * The report as a person reads it in a terminal: a summary, then one row per unavailable item with why,
 * every line within `columns` (the two track columns share what the fixed ones leave); `summary` keeps the
 * counts and the rows that change the playlist, `quiet` only the result line. Control characters in names
 * and titles are neutralised.
 */
export function formatReport(report: RemedyReport, options: FormatOptions = {}): string {
  const width = Math.max(60, options.columns ?? 100);
  const detail = options.detail ?? 'full';
  const result = resultLine(report);
  if (detail === 'quiet') return terminalSafe(`${result}\n`);
  const { counts } = report;
  const lines: string[] = [];
  lines.push(
    ...wrap(
      `${report.playlist.name}: ${counts.items} items, ${counts.unavailable} unavailable in ${report.countryCode}${COUNTRY_WHY[report.countrySource ?? 'request']}`,
      width,
      '  ',
    ),
  );
  const replaced = counts.replacedByIsrc + counts.replacedByMatch;
  const unmatchedFate = report.unmatched === 'drop' ? 'dropped' : 'kept';
  lines.push(
    ...wrap(
      `  ${replaced} replaced (${counts.replacedByIsrc} same recording, ${counts.replacedByMatch} match), ` +
        `${counts.unmatched} without a good replacement (${unmatchedFate})` +
        (counts.needsAttention
          ? `; ${counts.needsAttention} need${counts.needsAttention === 1 ? 's' : ''} attention`
          : ''),
      width,
      '    ',
    ),
  );
  lines.push(...wrap(result, width, '  '));

  const rows = detail === 'summary' ? report.items.filter((item) => item.replacement !== null) : report.items;
  if (rows.length > 0) {
    const track = Math.max(12, Math.floor((width - FIXED_WIDTH) / 2));
    lines.push('');
    lines.push(
      `${'#'.padStart(4)}  ${truncate('original', track)}  ${truncate('decision', 14)}  ${truncate('replacement', track)}  score`,
    );
    for (const item of rows) {
      const replacement = item.replacement ? describeTrack(item.replacement) : '—';
      const score = item.score === null ? '' : item.score.toFixed(2);
      lines.push(
        `${String(item.position + 1).padStart(4)}  ${truncate(describeTrack(item.original), track)}  ` +
          `${truncate(DECISION_LABEL[item.decision], 14)}  ${truncate(replacement, track)}  ${score}`.trimEnd(),
      );
      if (detail === 'summary') continue;
      const indent = ' '.repeat(6);
      for (const note of item.attention ?? [])
        lines.push(...wrap(`${indent}! needs attention: ${note}`, width, `${indent}  `));
      for (const reason of item.reasons) lines.push(...wrap(`${indent}${reason}`, width, `${indent}  `));
    }
  }
  if (detail === 'summary') return terminalSafe(`${lines.join('\n')}\n`);

  lines.push('');
  const cache = (['fetch', 'match', 'publish'] as const)
    .map(
      (step) => `${step} ${report.cache[step].hits}/${report.cache[step].hits + report.cache[step].misses}`,
    )
    .join(', ');
  lines.push(
    ...wrap(
      `Cache hits: ${cache} · TIDAL calls: ${report.tidalCalls.total} · took ${duration(report.timingsMs.total)}`,
      width,
      '  ',
    ),
  );
  return terminalSafe(`${lines.join('\n')}\n`);
}

/** What became of the playlist, in one line. */
function resultLine(report: RemedyReport): string {
  if (!report.published) {
    return report.mode === 'dry-run' ? 'Dry run: nothing was written.' : 'Nothing was published.';
  }
  const how = report.mode === 'in-place' ? 'Edited in place' : 'Published';
  // A link only to TIDAL itself: a playlist written to the emulator exists nowhere else.
  const where =
    report.published.url ??
    `playlist ${report.published.playlistId} (not on TIDAL: the remedy ran against another API)`;
  return `${how}: ${where}${report.published.reused ? ' (already published earlier; reused)' : ''}`;
}
