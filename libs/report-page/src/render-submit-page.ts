import { DEFAULT_COUNTRY_CODE } from '@tidal-remedy/contracts';
import { html } from './html.js';
import { renderPage } from './page-layout.js';
import { CSRF_FIELD } from './review-form.js';

/** What the person typed, shown again with the problems when the form is refused. */
export interface SubmitFormValues {
  playlist?: string;
  mode?: string;
  unmatched?: string;
  countryCode?: string;
}

export interface SubmitPageOptions {
  csrfToken: string;
  values?: SubmitFormValues;
  /** Why the last submission was refused, one sentence per problem. */
  problems?: string[];
}

const MODES = [
  [
    'review',
    'Review first',
    'find replacements, then let me check and change them before anything is written',
  ],
  ['new', 'New playlist', 'write a corrected copy, “<name> (remedied)”, right away'],
  ['in-place', 'In place', 'replace the unavailable items in the playlist itself, right away'],
  ['dry-run', 'Dry run', 'write nothing; show what would change'],
] as const;

/**
 * The start page: a form to remedy a playlist (`POST /remedies`), which leads to the remedy's own page.
 * Review is the default here: a person at a browser can look before anything changes.
 */
export function renderSubmitPage(options: SubmitPageOptions): string {
  const values = options.values ?? {};
  const mode = values.mode ?? 'review';
  const problems = options.problems ?? [];
  return renderPage({
    title: 'Remedy a TIDAL playlist',
    body: html`<header><h1>Remedy a TIDAL playlist</h1>
<p class="meta">Finds the tracks of a playlist that no longer play, and a replacement for each.</p></header>
${
  problems.length > 0
    ? html`<div class="error" role="alert"><h2>The playlist could not be remedied</h2><ul>${problems.map((problem) => html`<li>${problem}</li>`)}</ul></div>`
    : null
}
<form method="post" action="/remedies">
<label class="field" for="playlist">Playlist<span class="hint">A TIDAL playlist link, such as https://tidal.com/browse/playlist/…, or its id</span></label>
<input type="text" id="playlist" name="playlist" required autocomplete="off" spellcheck="false" value="${values.playlist ?? ''}">
<fieldset class="panel options"><legend>What to do</legend>
${MODES.map(
  ([
    value,
    label,
    hint,
  ]) => html`<label for="mode-${value}"><input type="radio" id="mode-${value}" name="mode" value="${value}"${mode === value ? html` checked` : null}>
<span><strong>${label}</strong>: ${hint}</span></label>`,
)}
</fieldset>
<fieldset class="panel options"><legend>Tracks without a good replacement</legend>
<label for="unmatched-keep"><input type="radio" id="unmatched-keep" name="unmatched" value="keep"${values.unmatched === 'drop' ? null : html` checked`}>
<span>Keep them (they stay greyed out)</span></label>
<label for="unmatched-drop"><input type="radio" id="unmatched-drop" name="unmatched" value="drop"${values.unmatched === 'drop' ? html` checked` : null}>
<span>Drop them</span></label>
</fieldset>
<label class="field" for="countryCode">Country<span class="hint">Two letters; availability differs by country</span></label>
<input type="text" class="short" id="countryCode" name="countryCode" required maxlength="2" autocomplete="country" value="${values.countryCode ?? DEFAULT_COUNTRY_CODE}">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrfToken}">
<div><button type="submit">Remedy</button></div>
</form>`,
  });
}
