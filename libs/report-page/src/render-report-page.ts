import {
  type DecisionKind,
  formatDuration,
  type ItemReview,
  type RemedyRecord,
  type RemedyReport,
  type ReportItem,
  type ScoreParts,
  TERMINAL_STATES,
  type Track,
  trackArtists,
  trackTitle,
} from '@tidal-remedy/contracts';
import { formatScore } from './format-score.js';
import { html, type SafeHtml, safeHttpUrl } from './html.js';
import { renderPage } from './page-layout.js';
import { CSRF_FIELD, choiceCell, publishFieldset } from './review-form.js';
import { coverImage, trackLinks } from './track-media.js';

export interface ReportPageOptions {
  /** Without scripts, a running remedy's page reloads itself this often; with them, it polls this often. */
  refreshSeconds?: number;
  /**
   * The review form's anti-forgery token: with it, a remedy awaiting review gets the form (a choice per
   * item and the publish button); without it, the proposed decisions are shown read-only.
   */
  csrfToken?: string | null;
  /** Which rows of the items table to show: every one (the default), or only those needing attention. */
  rows?: RowFilter;
}

/** `?rows=attention` on the page's address: the filter works without scripts. */
export type RowFilter = 'all' | 'attention';

/** A row needs a person: no match, or the matcher flagged it (a small lead, a version change, explicit). */
export function needsAttention(item: ReportItem): boolean {
  return item.decision === 'none' || (item.attention?.length ?? 0) > 0;
}

const STATE_TEXT: Record<RemedyRecord['state'], string> = {
  queued: 'Queued',
  fetching: 'Reading the playlist',
  matching: 'Finding replacements',
  'awaiting-review': 'Awaiting your review',
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
 * The remedy as a page a person reads: where it is while it runs (updated live), the proposed decisions
 * and a form to change and approve them while it awaits review, and once done every unavailable item with
 * its original, the decision, the replacement, the score and the reasons. A pure function of the record
 * and the report (the proposed one while awaiting review; null before, or when it has expired); every
 * value from them is escaped.
 */
export function renderReportPage(
  record: RemedyRecord,
  report: RemedyReport | null,
  options: ReportPageOptions = {},
): string {
  const running = !TERMINAL_STATES.includes(record.state) && record.state !== 'awaiting-review';
  const refreshSeconds = options.refreshSeconds ?? 5;
  const name = report?.playlist.name ?? record.playlistName ?? `Playlist ${record.request.playlist}`;
  const reviewing = record.state === 'awaiting-review';

  return renderPage({
    title: `${name}: remedy ${STATE_TEXT[record.state].toLowerCase()}`,
    mainAttributes: running
      ? html` data-status-url="/v1/remedies/${record.id}" data-state="${record.state}" data-run="${record.run}" data-poll-ms="2000"`
      : undefined,
    ...(running ? { noscriptRefreshSeconds: refreshSeconds, script: true } : {}),
    body: html`<header>
<h1>${name}</h1>
<p><span class="state state-${record.state}">${STATE_TEXT[record.state]}</span>
<span class="meta">Remedy ${record.id}${record.run > 0 ? ` (run ${record.run + 1})` : ''} ·
mode ${report?.mode ?? record.request.mode} · unmatched tracks ${record.request.unmatched === 'keep' ? 'kept' : 'dropped'} ·
${record.request.explicit === 'allow' ? 'explicit replacements allowed · ' : ''}country ${record.request.countryCode}</span></p>
</header>
${running ? progressSection(record, refreshSeconds) : null}
${record.state === 'failed' ? failureSection(record, options.csrfToken ?? null) : null}
${
  reviewing
    ? report
      ? reviewSections(record, report, options.csrfToken ?? null, options.rows ?? 'all')
      : expiredSection('The remedy awaits review, but its proposed report is no longer kept.')
    : null
}
${
  record.state === 'done'
    ? report
      ? reportSections(record, report, options.rows ?? 'all')
      : expiredSection('The remedy finished, but its report is no longer kept.')
    : null
}`,
  });
}

function progressSection(record: RemedyRecord, refreshSeconds: number): SafeHtml {
  const { items, unavailable, matched } = record.progress;
  const approved = record.approval !== null;
  return html`<section aria-labelledby="progress-heading">
<h2 id="progress-heading">Progress</h2>
<ul>
${approved ? html`<li>Approved: publishing your reviewed choices.</li>` : null}
<li>${items === null ? 'Reading the playlist…' : `Read ${items} items.`}</li>
${unavailable === null ? null : html`<li>${unavailable} unavailable in ${record.request.countryCode}.</li>`}
${
  unavailable === null || unavailable === 0
    ? null
    : html`<li><label for="matched" id="matched-label">Replacements looked for: ${matched} of ${unavailable}</label>
<progress id="matched" max="${unavailable}" value="${matched}">${matched} of ${unavailable}</progress></li>`
}
</ul>
<p class="note">This page follows the remedy until it is finished (without scripts, it reloads every ${refreshSeconds} seconds).</p>
</section>`;
}

function failureSection(record: RemedyRecord, csrfToken: string | null): SafeHtml {
  const error = record.error;
  return html`<section class="error" role="alert" aria-labelledby="error-heading">
<h2 id="error-heading">The remedy failed${error ? ` during the ${error.step} step` : ''}</h2>
<p>${error?.message ?? 'No reason was recorded.'}</p>
${
  csrfToken === null
    ? html`<p class="note">Retry it with <code>POST /v1/remedies/${record.id}/retry</code>.</p>`
    : html`<form method="post" action="/remedies/${record.id}/retry">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
<button type="submit">Retry</button>
</form>`
}
</section>`;
}

function expiredSection(what: string): SafeHtml {
  return html`<section><h2>Report</h2>
<p>${what} Run the remedy again to see the decisions.</p>
</section>`;
}

function summary(report: RemedyReport, heading: string): SafeHtml {
  const { counts } = report;
  return html`<h2 id="summary-heading">${heading}</h2>
<dl class="counts">
${count('Tracks', counts.items)}
${count('Unavailable', counts.unavailable)}
${count('Same recording', counts.replacedByIsrc)}
${count('Matched', counts.replacedByMatch)}
${count('No match', counts.unmatched)}
${counts.needsAttention ? count('Needs attention', counts.needsAttention) : null}
${report.review ? count('Changed in review', report.review.changed) : null}
</dl>`;
}

function reviewSections(
  record: RemedyRecord,
  report: RemedyReport,
  csrfToken: string | null,
  rows: RowFilter,
): SafeHtml {
  const table = itemsTable(record, report, { review: csrfToken !== null, rows });
  return html`<section aria-labelledby="summary-heading">
${summary(report, 'Proposed changes')}
<p>Nothing has been written to TIDAL yet. Check each proposed replacement: keep it, reject it, or use
one of the other candidates; then publish.</p>
</section>
<section aria-labelledby="items-heading">
<h2 id="items-heading">Unavailable tracks</h2>
${
  report.items.length === 0
    ? html`<p>Every track is available; there is nothing to review or publish.</p>`
    : csrfToken === null
      ? table
      : html`<form method="post" action="/remedies/${record.id}/publish">
${table}
${publishFieldset(report, csrfToken)}
</form>`
}
</section>`;
}

function reportSections(record: RemedyRecord, report: RemedyReport, rows: RowFilter): SafeHtml {
  return html`<section aria-labelledby="summary-heading">
${summary(report, 'Summary')}
${report.review ? html`<p>Reviewed and approved ${report.review.approvedAt.slice(0, 16).replace('T', ' ')} UTC; ${report.review.changed} ${report.review.changed === 1 ? 'decision was' : 'decisions were'} changed in review.</p>` : null}
${publishedParagraph(report)}
</section>
<section aria-labelledby="items-heading">
<h2 id="items-heading">Unavailable tracks</h2>
${report.items.length === 0 ? html`<p>Every track is available; nothing needed a replacement.</p>` : itemsTable(record, report, { review: false, rows })}
</section>`;
}

function count(label: string, value: number): SafeHtml {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

function publishedParagraph(report: RemedyReport): SafeHtml {
  if (report.mode === 'dry-run') {
    return html`<p>Dry run: nothing was written to TIDAL. The table shows what a remedy would change.</p>`;
  }
  if (report.published === null) {
    return html`<p>Nothing was written to TIDAL: no item had a replacement to put in or was to be dropped.</p>`;
  }
  const url = report.published.url === null ? null : safeHttpUrl(report.published.url);
  const what = report.mode === 'in-place' ? 'The playlist was corrected in place' : 'The corrected playlist';
  return url === null
    ? html`<p>${what}: ${report.published.playlistId}.</p>`
    : html`<p>${what}: <a href="${url}">open it in TIDAL</a>.</p>`;
}

/** Links between every row and only those needing attention: plain links, so no script is needed. */
function rowFilterNav(record: RemedyRecord, report: RemedyReport, rows: RowFilter, shown: number): SafeHtml {
  const page = `/remedies/${record.id}`;
  const link = (filter: RowFilter, label: string, href: string) =>
    rows === filter
      ? html`<strong aria-current="page">${label}</strong>`
      : html`<a href="${href}">${label}</a>`;
  return html`<nav class="row-filter" aria-label="Rows shown"><p>Show:
${link('all', `All rows (${report.items.length})`, page)} ·
${link('attention', `Only rows that need attention (${report.items.filter(needsAttention).length})`, `${page}?rows=attention`)}</p>
${rows === 'attention' && shown < report.items.length ? html`<p class="note">${report.items.length - shown} other ${report.items.length - shown === 1 ? 'row is' : 'rows are'} hidden${report.mode === 'review' ? '; they keep their proposed decision when you publish' : ''}.</p>` : null}
</nav>`;
}

function itemsTable(
  record: RemedyRecord,
  report: RemedyReport,
  options: { review: boolean; rows: RowFilter },
): SafeHtml {
  const what = report.mode === 'review' ? 'proposed decisions' : 'decisions';
  const items = options.rows === 'attention' ? report.items.filter(needsAttention) : report.items;
  return html`${rowFilterNav(record, report, options.rows, items.length)}<table>
<caption>${items.length} ${options.rows === 'attention' ? 'of ' + report.items.length + ' ' : ''}unavailable ${report.items.length === 1 ? 'track' : 'tracks'} in ${report.countryCode}, in playlist order, with the ${what}</caption>
<thead><tr>
<th scope="col">#</th><th scope="col">Original</th><th scope="col">Decision</th>
<th scope="col">Replacement</th><th scope="col">Score</th><th scope="col">Why</th>
${options.review ? html`<th scope="col">Your choice</th>` : null}
</tr></thead>
<tbody>
${items.map((item) => itemRow(item, { ...options, webBase: report.webBase ?? null }))}
</tbody>
</table>`;
}

function itemRow(item: ReportItem, options: { review: boolean; webBase: string | null }): SafeHtml {
  return html`<tr>
<td data-label="Position">${item.position + 1}</td>
<td data-label="Original" class="track">${trackCell(item.original, options.webBase)}</td>
<td data-label="Decision"><span class="badge badge-${item.decision}">${DECISION_TEXT[item.decision]}</span>${item.attention ? html`<br><span class="badge badge-attention">Needs attention</span>` : null}${item.review?.changed ? reviewBadge(item.review) : null}</td>
<td data-label="Replacement" class="track">${item.replacement ? trackCell(item.replacement, options.webBase) : html`<span class="track-sub">none</span>`}</td>
<td data-label="Score">${scoreCell(item)}</td>
<td data-label="Why">${whyCell(item)}</td>
${options.review ? html`<td data-label="Your choice" class="choices">${choiceCell(item)}</td>` : null}
</tr>`;
}

/** The reasons, after what needs a person's attention, which comes first and stands out. */
function whyCell(item: ReportItem): SafeHtml | null {
  const attention = item.attention ?? [];
  if (attention.length === 0 && item.reasons.length === 0) return null;
  return html`<ul>${attention.map((text) => html`<li class="attention"><strong>Needs attention:</strong> ${text}</li>`)}${item.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`;
}

function reviewBadge(review: ItemReview): SafeHtml {
  const what = review.action === 'reject' ? 'Rejected in review' : 'Changed in review';
  return html`<br><span class="badge badge-review">${what}</span>`;
}

function trackCell(track: Track, webBase: string | null): SafeHtml {
  const album = track.album?.title;
  return html`<div class="track-media">${coverImage(track)}<div>
<div class="track-title">${trackTitle(track)}${track.explicit ? html` <abbr title="explicit">E</abbr>` : null}</div>
<div class="track-sub">${trackArtists(track)}</div>
<div class="track-sub">${album ? `${album} · ` : ''}${formatDuration(track.durationMs)}</div>
${trackLinks(track, webBase)}</div></div>`;
}

function scoreCell(item: ReportItem): SafeHtml | string {
  if (item.score === null) return '—';
  const parts = item.parts;
  return html`${formatScore(item.score)}${
    parts
      ? html`<details class="parts"><summary>Score parts</summary><dl class="parts">${(
          Object.keys(PART_TEXT) as Array<keyof ScoreParts>
        ).map(
          (part) => html`<dt>${PART_TEXT[part]}</dt><dd>${formatScore(parts[part])}</dd>`,
        )}</dl></details>`
      : null
  }`;
}
