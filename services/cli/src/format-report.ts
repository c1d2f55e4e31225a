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

/**
 * The report as a person reads it in a terminal: a summary, then one row per unavailable item with why;
 * control characters in names and titles are neutralised.
 */
export function formatReport(report: RemedyReport): string {
  const { counts } = report;
  const lines: string[] = [];
  lines.push(
    `${report.playlist.name}: ${counts.items} items, ${counts.unavailable} unavailable in ${report.countryCode}`,
  );
  const replaced = counts.replacedByIsrc + counts.replacedByMatch;
  const unmatchedFate = report.unmatched === 'drop' ? 'dropped' : 'kept';
  lines.push(
    `  ${replaced} replaced (${counts.replacedByIsrc} same recording, ${counts.replacedByMatch} match), ` +
      `${counts.unmatched} without a good replacement (${unmatchedFate})` +
      (counts.needsAttention
        ? `; ${counts.needsAttention} need${counts.needsAttention === 1 ? 's' : ''} attention`
        : ''),
  );
  if (report.published) {
    const how = report.mode === 'in-place' ? 'Edited in place' : 'Published';
    // A link only to TIDAL itself: a playlist written to the emulator exists nowhere else.
    const where =
      report.published.url ??
      `playlist ${report.published.playlistId} (not on TIDAL: the remedy ran against another API)`;
    lines.push(`${how}: ${where}${report.published.reused ? ' (already published earlier; reused)' : ''}`);
  } else {
    lines.push(report.mode === 'dry-run' ? 'Dry run: nothing was written.' : 'Nothing was published.');
  }

  if (report.items.length > 0) {
    lines.push('');
    lines.push(
      `${'#'.padStart(4)}  ${truncate('original', 40)}  ${truncate('decision', 14)}  ${truncate('replacement', 40)}  score`,
    );
    for (const item of report.items) {
      const replacement = item.replacement ? describeTrack(item.replacement) : '—';
      const score = item.score === null ? '' : item.score.toFixed(2);
      lines.push(
        `${String(item.position + 1).padStart(4)}  ${truncate(describeTrack(item.original), 40)}  ` +
          `${truncate(DECISION_LABEL[item.decision], 14)}  ${truncate(replacement, 40)}  ${score}`,
      );
      for (const note of item.attention ?? []) lines.push(`${' '.repeat(6)}! needs attention: ${note}`);
      for (const reason of item.reasons) lines.push(`${' '.repeat(6)}${reason}`);
    }
  }

  lines.push('');
  const cache = (['fetch', 'match', 'publish'] as const)
    .map(
      (step) => `${step} ${report.cache[step].hits}/${report.cache[step].hits + report.cache[step].misses}`,
    )
    .join(', ');
  lines.push(
    `Cache hits: ${cache} · TIDAL calls: ${report.tidalCalls.total} · took ${duration(report.timingsMs.total)}`,
  );
  return terminalSafe(`${lines.join('\n')}\n`);
}
