import {
  type DecisionKind,
  type RemedyRecord,
  type RemedyReport,
  type ReportItem,
  type ScoreParts,
  TERMINAL_STATES,
  type Track,
} from '@tidal-remedy/contracts';
import { html, SafeHtml, safeHttpUrl } from './html.js';
import { PAGE_STYLE } from './page-style.js';
import { formatDuration, formatScore, trackArtists, trackTitle } from './track-text.js';

export interface ReportPageOptions {
  /** While the remedy runs, the page reloads itself this often. */
  refreshSeconds?: number;
}

/**
 * The stylesheet is our own constant, and the one thing inserted unescaped: `<style>` is raw text, where
 * an entity such as `&quot;` would not be decoded.
 */
const STYLE = new SafeHtml(PAGE_STYLE);

const STATE_TEXT: Record<RemedyRecord['state'], string> = {
  queued: 'Queued',
  fetching: 'Reading the playlist',
  matching: 'Finding replacements',
  publishing: 'Writing the playlist',
  done: 'Done',
  failed: 'Failed',
};

const DECISION_TEXT: Record<DecisionKind, string> = {
  isrc: 'Same recording',
  match: 'Match',
  none: 'No match',
};

const PART_TEXT: Record<keyof ScoreParts, string> = {
  title: 'Title',
  artists: 'Artists',
  duration: 'Duration',
  version: 'Version',
  explicit: 'Explicit',
};

/**
 * The remedy as a page a person reads: where it is while it runs, and once done every unavailable item
 * with its original, the decision, the replacement, the score and the reasons. A pure function of the
 * record and the report (null until the remedy is done, or when the report has expired); every value from
 * them is escaped.
 */
export function renderReportPage(
  record: RemedyRecord,
  report: RemedyReport | null,
  options: ReportPageOptions = {},
): string {
  const running = !TERMINAL_STATES.includes(record.state);
  const refreshSeconds = options.refreshSeconds ?? 5;
  const name = report?.playlist.name ?? record.playlistName ?? `Playlist ${record.request.playlist}`;

  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${running ? html`<meta http-equiv="refresh" content="${refreshSeconds}">` : null}
<title>${name}: remedy ${STATE_TEXT[record.state].toLowerCase()}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${name}</h1>
<p><span class="state state-${record.state}">${STATE_TEXT[record.state]}</span>
<span class="meta">Remedy ${record.id}${record.run > 0 ? ` (run ${record.run + 1})` : ''} ·
mode ${record.request.mode} · unmatched tracks ${record.request.unmatched === 'keep' ? 'kept' : 'dropped'} ·
country ${record.request.countryCode}</span></p>
</header>
${running ? progressSection(record, refreshSeconds) : null}
${record.state === 'failed' ? failureSection(record) : null}
${record.state === 'done' ? (report ? reportSections(report) : expiredSection()) : null}
</main>
</body>
</html>
`;
  return page.text;
}

function progressSection(record: RemedyRecord, refreshSeconds: number): SafeHtml {
  const { items, unavailable, matched } = record.progress;
  return html`<section aria-labelledby="progress-heading">
<h2 id="progress-heading">Progress</h2>
<ul>
<li>${items === null ? 'Reading the playlist…' : `Read ${items} items.`}</li>
${unavailable === null ? null : html`<li>${unavailable} unavailable in ${record.request.countryCode}.</li>`}
${
  unavailable === null || unavailable === 0
    ? null
    : html`<li><label for="matched">Replacements looked for: ${matched} of ${unavailable}</label>
<progress id="matched" max="${unavailable}" value="${matched}">${matched} of ${unavailable}</progress></li>`
}
</ul>
<p class="note">This page reloads every ${refreshSeconds} seconds until the remedy is finished.</p>
</section>`;
}

function failureSection(record: RemedyRecord): SafeHtml {
  const error = record.error;
  return html`<section class="error" role="alert" aria-labelledby="error-heading">
<h2 id="error-heading">The remedy failed${error ? ` during the ${error.step} step` : ''}</h2>
<p>${error?.message ?? 'No reason was recorded.'}</p>
<p class="note">Retry it with <code>POST /v1/remedies/${record.id}/retry</code>.</p>
</section>`;
}

function expiredSection(): SafeHtml {
  return html`<section><h2>Report</h2>
<p>The remedy finished, but its report is no longer kept. Run the remedy again to see the decisions.</p>
</section>`;
}

function reportSections(report: RemedyReport): SafeHtml {
  const { counts } = report;
  return html`<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="counts">
${count('Tracks', counts.items)}
${count('Unavailable', counts.unavailable)}
${count('Same recording', counts.replacedByIsrc)}
${count('Matched', counts.replacedByMatch)}
${count('No match', counts.unmatched)}
</dl>
${publishedParagraph(report)}
</section>
<section aria-labelledby="items-heading">
<h2 id="items-heading">Unavailable tracks</h2>
${report.items.length === 0 ? html`<p>Every track is available; nothing needed a replacement.</p>` : itemsTable(report)}
</section>`;
}

function count(label: string, value: number): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

function publishedParagraph(report: RemedyReport): SafeHtml {
  if (report.mode === 'dry-run') {
    return html`<p>Dry run: nothing was written to TIDAL. The table shows what a remedy would change.</p>`;
  }
  if (report.published === null) return html`<p>Nothing was written to TIDAL.</p>`;
  const url = safeHttpUrl(report.published.url);
  const what = report.mode === 'in-place' ? 'The playlist was corrected in place' : 'The corrected playlist';
  return url === null
    ? html`<p>${what}: ${report.published.playlistId}.</p>`
    : html`<p>${what}: <a href="${url}">open it in TIDAL</a>.</p>`;
}

function itemsTable(report: RemedyReport): SafeHtml {
  return html`<table>
<caption>${report.items.length} unavailable ${report.items.length === 1 ? 'track' : 'tracks'} in ${report.countryCode}, in playlist order</caption>
<thead><tr>
<th scope="col">#</th><th scope="col">Original</th><th scope="col">Decision</th>
<th scope="col">Replacement</th><th scope="col">Score</th><th scope="col">Why</th>
</tr></thead>
<tbody>
${report.items.map(itemRow)}
</tbody>
</table>`;
}

function itemRow(item: ReportItem): SafeHtml {
  return html`<tr>
<td data-label="Position">${item.position + 1}</td>
<td data-label="Original">${trackCell(item.original)}</td>
<td data-label="Decision"><span class="badge badge-${item.decision}">${DECISION_TEXT[item.decision]}</span></td>
<td data-label="Replacement">${item.replacement ? trackCell(item.replacement) : html`<span class="track-sub">none</span>`}</td>
<td data-label="Score">${scoreCell(item)}</td>
<td data-label="Why">${item.reasons.length > 0 ? html`<ul>${item.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : null}</td>
</tr>`;
}

function trackCell(track: Track): SafeHtml {
  const album = track.album?.title;
  return html`<div class="track-title">${trackTitle(track)}${track.explicit ? html` <abbr title="explicit">E</abbr>` : null}</div>
<div class="track-sub">${trackArtists(track)}</div>
<div class="track-sub">${album ? `${album} · ` : ''}${formatDuration(track.durationMs)}</div>`;
}

function scoreCell(item: ReportItem): SafeHtml | string {
  if (item.score === null) return '—';
  const parts = item.parts;
  return html`${formatScore(item.score)}${
    parts
      ? html`<dl class="parts">${(Object.keys(PART_TEXT) as Array<keyof ScoreParts>).map(
          (part) => html`<dt>${PART_TEXT[part]}</dt><dd>${formatScore(parts[part])}</dd>`,
        )}</dl>`
      : null
  }`;
}
