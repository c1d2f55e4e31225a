import {
  formatDuration,
  type PublishApprovalRequestInput,
  type RemedyReport,
  type ReportItem,
  type ReviewOverride,
  type Track,
  trackArtists,
  trackTitle,
} from '@tidal-remedy/contracts';
import { formatScore } from './format-score.js';
import { html, type SafeHtml } from './html.js';
import { coverImage } from './track-media.js';

/**
 * The review form's fields, and how a submitted form becomes an approval: both here, so the names the
 * page writes and the names the server reads cannot drift apart.
 * - `choice-<position>`: `accept`, `reject` or `pick:<trackId>`, one radio group per unavailable item;
 * - `mode`: `new` or `in-place`;
 * - `csrf`: the form's anti-forgery token.
 */
export const CSRF_FIELD = 'csrf';
const CHOICE_PREFIX = 'choice-';

function choiceName(item: ReportItem): string {
  return `${CHOICE_PREFIX}${item.position}`;
}

function candidateText(track: Track, score: number | null): string {
  const album = track.album?.title;
  return [
    `${trackTitle(track)} by ${trackArtists(track) || 'unknown artist'}`,
    ...(album ? [album] : []),
    formatDuration(track.durationMs),
    ...(score === null ? [] : [`score ${formatScore(score)}`]),
  ].join(' · ');
}

/**
 * One item's choices: keep the proposal (checked), reject it (when it has a replacement), or pick a
 * runner-up. A fieldset whose legend names the item, so each radio is announced with its item.
 */
export function choiceCell(item: ReportItem): SafeHtml {
  const name = choiceName(item);
  const id = (suffix: string) => `${name}-${suffix}`;
  return html`<fieldset class="choice">
<legend class="visually-hidden">Your choice for item ${item.position + 1}, ${trackTitle(item.original)}</legend>
<label for="${id('accept')}"><input type="radio" id="${id('accept')}" name="${name}" value="accept" checked>
<span>${item.replacement ? 'Use the proposed replacement' : 'No replacement, as proposed'}</span></label>
${
  item.replacement
    ? html`<label for="${id('reject')}"><input type="radio" id="${id('reject')}" name="${name}" value="reject">
<span>Reject it: no replacement</span></label>`
    : null
}
${item.runnersUp.map(
  (
    candidate,
  ) => html`<label for="${id(candidate.track.id)}"><input type="radio" id="${id(candidate.track.id)}" name="${name}" value="pick:${candidate.track.id}">
<span class="candidate">${coverImage(candidate.track, 32)} Use ${candidateText(candidate.track, candidate.score)}</span></label>`,
)}
</fieldset>`;
}

/** Below the table: how to publish, and the button. */
export function publishFieldset(report: RemedyReport, csrfToken: string): SafeHtml {
  const unmatched =
    report.unmatched === 'keep'
      ? 'Items left without a replacement stay in the playlist (greyed out).'
      : 'Items left without a replacement are dropped from the playlist.';
  return html`<fieldset class="panel options">
<legend>Publish</legend>
<label for="mode-new"><input type="radio" id="mode-new" name="mode" value="new" checked>
<span>As a new playlist, “${report.playlist.name} (remedied)”; the original is not touched</span></label>
<label for="mode-in-place"><input type="radio" id="mode-in-place" name="mode" value="in-place">
<span>In place: replace the unavailable items in “${report.playlist.name}” itself</span></label>
<p class="note">${unmatched}</p>
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
<button type="submit">Publish</button>
</fieldset>`;
}

/**
 * A submitted review form as the body of an approval (checked by the same schema as the API's): every
 * choice but `accept` becomes an override, so the report tells what the person changed. Fields that are
 * not the form's are left out; malformed choices are passed on for the schema to refuse.
 */
export function approvalFromForm(fields: Record<string, unknown>): PublishApprovalRequestInput {
  const overrides: ReviewOverride[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(CHOICE_PREFIX) || typeof value !== 'string' || value === 'accept') continue;
    const position = Number(name.slice(CHOICE_PREFIX.length));
    if (value === 'reject') overrides.push({ position, action: 'reject' });
    else if (value.startsWith('pick:')) overrides.push({ position, action: 'pick', trackId: value.slice(5) });
    else overrides.push({ position, action: value as ReviewOverride['action'] });
  }
  const mode = fields.mode;
  return { ...(typeof mode === 'string' ? { mode: mode as 'new' } : {}), overrides };
}
