import { createHash } from 'node:crypto';
import { formatDuration, RemedyRecordSchema, RemedyReportSchema } from '@tidal-remedy/contracts';
import {
  sampleRecord,
  sampleReport,
  sampleReportItems,
  sampleTrack,
} from '@tidal-remedy/test-support/remedy-fixtures';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeHttpUrl } from './html.js';
import { PAGE_CSP, PAGE_SCRIPT, PAGE_SCRIPT_HASH } from './page-script.js';
import { renderReportPage } from './render-report-page.js';
import { renderSubmitPage } from './render-submit-page.js';
import { approvalFromForm } from './review-form.js';

/** The page without our own script: whatever is left must hold no script at all. */
const withoutOwnScript = (page: string) => page.replace(`<script>${PAGE_SCRIPT}</script>`, '');

const HOSTILE = `<script>alert("x")</script>&'`;

const done = sampleRecord({
  state: 'done',
  playlistName: 'Road Trip',
  progress: { items: 10, unavailable: 3, matched: 3 },
});

describe('html', () => {
  it('escapes every interpolated string, number and array element', () => {
    expect(html`<p title="${HOSTILE}">${HOSTILE}</p>`.text).toBe(
      `<p title="${escapeHtml(HOSTILE)}">${escapeHtml(HOSTILE)}</p>`,
    );
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html`${['<a>', 1, null, false, html`<b>`]}`.text).toBe('&lt;a&gt;1<b>');
  });

  it('keeps only http(s) URLs as link targets', () => {
    expect(safeHttpUrl('https://tidal.com/browse/playlist/x')).toBe('https://tidal.com/browse/playlist/x');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});

describe('renderReportPage', () => {
  it('fixtures are valid contract values', () => {
    expect(() => RemedyRecordSchema.parse(done)).not.toThrow();
    expect(() => RemedyReportSchema.parse(sampleReport())).not.toThrow();
  });

  it('shows every unavailable item: position, original, decision, replacement, score and reasons', () => {
    const page = renderReportPage(done, sampleReport());
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h1>Road Trip</h1>');
    const rows = page
      .split('<tbody>')[1]!
      .split('</tbody>')[0]!
      .match(/<tr>[\s\S]*?<\/tr>/g)!;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<td data-label="Position">2</td>');
    expect(rows[0]).toContain('Same recording');
    expect(rows[0]).toContain('Same recording (ISRC GBAAA0100001) on another release.');
    expect(rows[1]).toContain('Slack Tide (2011 Remaster)');
    expect(rows[1]).toContain('badge-match');
    expect(rows[1]).toContain('91%');
    expect(rows[1]).toContain('<dt>Duration</dt><dd>90%</dd>');
    expect(rows[1]).toContain('The Tidemarks');
    expect(rows[1]).toContain('Low Water · 3:35');
    expect(rows[2]).toContain('No match');
    expect(rows[2]).toContain('<span class="track-sub">none</span>');
    expect(page).toContain(
      '<a href="https://tidal.com/browse/playlist/7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c">',
    );
    expect(page).toContain('<th scope="col">Replacement</th>');
    expect(page).not.toContain('http-equiv="refresh"');
  });

  it('flags a decision that needs attention, with its reason first, and counts such decisions', () => {
    const [first, second, third] = sampleReportItems();
    const flagged = {
      ...second!,
      attention: ['An explicit release replaces a clean original (the remedy allows it: explicit allow).'],
    };
    const report = sampleReport({ items: [first!, flagged, third!], explicit: 'allow' });
    const page = renderReportPage(
      { ...done, request: { ...done.request, explicit: 'allow' } },
      { ...report, counts: { ...report.counts, needsAttention: 1 } },
    );
    const rows = page.split('<tbody>')[1]!.match(/<tr>[\s\S]*?<\/tr>/g)!;
    expect(rows[1]).toContain('<span class="badge badge-attention">Needs attention</span>');
    expect(rows[1]).toContain(
      '<ul><li class="attention"><strong>Needs attention:</strong> An explicit release replaces a clean original (the remedy allows it: explicit allow).</li>',
    );
    expect(rows[0]).not.toContain('Needs attention');
    expect(page).toContain('<div><dt>Needs attention</dt><dd>1</dd></div>');
    expect(page).toContain('explicit replacements allowed');
  });

  it('shows only the rows that need attention with ?rows=attention, and folds the score parts away', () => {
    const [first, second, third] = sampleReportItems();
    const flagged = { ...second!, attention: ['The lead over the next candidate is small.'] };
    const report = sampleReport({ items: [first!, flagged, third!] });
    const all = renderReportPage(done, report);
    expect(all).toContain(`<strong aria-current="page">All rows (3)</strong>`);
    expect(all).toContain(
      `<a href="/remedies/${done.id}?rows=attention">Only rows that need attention (2)</a>`,
    );
    expect(all).toMatch(/<details class="parts"><summary>Score parts<\/summary><dl class="parts">/);

    const page = renderReportPage(done, report, { rows: 'attention' });
    const rows = page.split('<tbody>')[1]!.match(/<tr>[\s\S]*?<\/tr>/g)!;
    // The same recording (no attention) is hidden; the flagged match and the no-match stay.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Slack Tide (2011 Remaster)');
    expect(rows[1]).toContain('No match');
    expect(page).toContain(`<a href="/remedies/${done.id}">All rows (3)</a>`);
    expect(page).toContain('<strong aria-current="page">Only rows that need attention (2)</strong>');
    expect(page).toContain('1 other row is hidden.');
  });

  it('escapes hostile text from the playlist, tracks, reasons and errors', () => {
    const hostileTrack = sampleTrack({
      title: HOSTILE,
      version: HOSTILE,
      artists: [{ id: '1', name: HOSTILE }],
      album: { id: '2', title: HOSTILE, type: null, releaseDate: null },
    });
    const [first] = sampleReportItems();
    const report = sampleReport({
      playlist: { id: 'p', name: HOSTILE },
      items: [{ ...first!, original: hostileTrack, replacement: hostileTrack, reasons: [HOSTILE] }],
      published: { playlistId: HOSTILE, url: 'javascript:alert(1)', reused: false },
    });
    const pages = [
      renderReportPage({ ...done, playlistName: HOSTILE }, report),
      renderReportPage(
        sampleRecord({
          state: 'failed',
          playlistName: HOSTILE,
          error: { step: HOSTILE, message: HOSTILE, at: '2026-11-22T10:00:00.000Z' },
        }),
        null,
      ),
      renderReportPage(sampleRecord({ state: 'matching', playlistName: HOSTILE }), null),
    ];
    for (const page of pages) {
      expect(withoutOwnScript(page)).not.toContain('<script');
      expect(page).not.toContain('javascript:');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    }
  });

  it('shows progress while the remedy runs: live with the script, reloading without it', () => {
    const page = renderReportPage(
      sampleRecord({
        state: 'matching',
        playlistName: 'Road Trip',
        progress: { items: 60, unavailable: 4, matched: 1 },
      }),
      null,
      { refreshSeconds: 3 },
    );
    expect(page).toContain('<noscript><meta http-equiv="refresh" content="3"></noscript>');
    expect(page).toContain(`<script>${PAGE_SCRIPT}</script>`);
    expect(page).toContain(
      '<main data-status-url="/v1/remedies/rem-sample000001" data-state="matching" data-run="0" data-poll-ms="2000">',
    );
    expect(page).toContain('Finding replacements');
    expect(page).toContain('Read 60 items.');
    expect(page).toContain('<progress id="matched" max="4" value="1">');
    expect(page).not.toContain('<table>');
  });

  it('allows its one script by hash in the Content-Security-Policy, and nothing else', () => {
    const hash = createHash('sha256').update(PAGE_SCRIPT).digest('base64');
    expect(PAGE_SCRIPT_HASH).toBe(`'sha256-${hash}'`);
    expect(PAGE_CSP).toContain(`script-src 'sha256-${hash}'`);
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).toContain("connect-src 'self'");
    expect(PAGE_CSP).toContain('img-src https: http:');
    expect(PAGE_CSP).toContain("form-action 'self'");
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|eval|document\.write/);
  });

  it('allows its one stylesheet by hash, not every inline style', () => {
    const page = renderReportPage(done, sampleReport());
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    // A hashed style-src would block style attributes: the pages have none.
    expect(page).not.toMatch(/\sstyle=/);
  });

  it('has no script and no reload once the remedy is done', () => {
    const page = renderReportPage(done, sampleReport());
    expect(page).not.toContain('<script');
    expect(page).not.toContain('refresh');
    expect(page).not.toContain('data-status-url');
  });

  it('names the playlist by id before its name is known', () => {
    const page = renderReportPage(sampleRecord(), null);
    expect(page).toContain(`<h1>Playlist ${sampleRecord().request.playlist}</h1>`);
    expect(page).toContain('Reading the playlist…');
  });

  it('shows the failure, its step and how to retry', () => {
    const page = renderReportPage(
      sampleRecord({
        state: 'failed',
        error: {
          step: 'fetch',
          message: 'TIDAL has no playlist with this id',
          at: '2026-11-22T10:00:00.000Z',
        },
      }),
      null,
    );
    expect(page).toContain('role="alert"');
    expect(page).toContain('The remedy failed during the fetch step');
    expect(page).toContain('TIDAL has no playlist with this id');
    expect(page).toContain('/retry');
    expect(page).not.toContain('http-equiv="refresh"');
  });

  it('says so when a finished remedy has no report any more, or nothing was unavailable', () => {
    expect(renderReportPage(done, null)).toContain('its report is no longer kept');
    expect(renderReportPage(done, sampleReport({ items: [] }))).toContain('Every track is available');
  });

  it('while awaiting review: the proposed decisions, a choice per item, the publish options and the token', () => {
    const record = sampleRecord({ state: 'awaiting-review', playlistName: 'Road Trip' });
    const page = renderReportPage(record, sampleReport({ mode: 'review', published: null }), {
      csrfToken: 'token-123',
    });
    expect(page).toContain('Awaiting your review');
    expect(page).toContain('Nothing has been written to TIDAL yet.');
    expect(page).not.toContain('<script');
    expect(page).toContain('<form method="post" action="/remedies/rem-sample000001/publish">');
    expect(page).toContain('<th scope="col">Your choice</th>');
    expect(page).toContain('<input type="hidden" name="csrf" value="token-123">');
    const rows = page
      .split('<tbody>')[1]!
      .split('</tbody>')[0]!
      .match(/<tr>[\s\S]*?<\/tr>/g)!;
    expect(rows).toHaveLength(3);
    // A replaced item: keep (checked), reject, or either runner-up; each radio has its label.
    expect(rows[1]).toContain(
      '<legend class="visually-hidden">Your choice for item 5, Slack Tide (2011 Remaster)</legend>',
    );
    expect(rows[1]).toContain('name="choice-4" value="accept" checked');
    expect(rows[1]).toContain('name="choice-4" value="reject"');
    expect(rows[1]).toContain('name="choice-4" value="pick:3005"');
    expect(rows[1]).toContain('name="choice-4" value="pick:3006"');
    expect(rows[1]).toContain('Use Slack Tide (Live) by The Tidemarks · Low Water · 4:00 · score 52%');
    for (const id of rows[1]!.matchAll(/<input type="radio" id="([^"]+)"/g)) {
      expect(rows[1]).toContain(`<label for="${id[1]}">`);
    }
    // No match: nothing to reject; its runner-up can still be picked.
    expect(rows[2]).toContain('No replacement, as proposed');
    expect(rows[2]).not.toContain('value="reject"');
    expect(rows[2]).toContain('name="choice-7" value="pick:3008"');
    expect(page).toContain('<input type="radio" id="mode-new" name="mode" value="new" checked>');
    expect(page).toContain('<input type="radio" id="mode-in-place" name="mode" value="in-place">');
    expect(page).toContain('<button type="submit">Publish</button>');
  });

  it('shows proposed decisions read-only without a form token', () => {
    const record = sampleRecord({ state: 'awaiting-review' });
    const page = renderReportPage(record, sampleReport({ mode: 'review', published: null }));
    expect(page).toContain('Slack Tide (2011 Remaster)');
    expect(page).not.toContain('<form');
  });

  it('marks the decisions a person changed in review', () => {
    const [isrc, match, none] = sampleReportItems();
    const report = sampleReport({
      review: { approvedAt: '2026-11-22T10:05:00.000Z', changed: 2 },
      items: [
        isrc!,
        {
          ...match!,
          decision: 'none',
          replacement: null,
          review: { action: 'reject', changed: true, proposed: { decision: 'match', replacementId: '2005' } },
        },
        {
          ...none!,
          decision: 'match',
          replacement: none!.runnersUp[0]!.track,
          review: { action: 'pick', changed: true, proposed: { decision: 'none', replacementId: null } },
        },
      ],
    });
    const page = renderReportPage(done, report);
    expect(page).toContain('Reviewed and approved 2026-11-22 10:05 UTC; 2 decisions were changed in review.');
    expect(page).toContain('<dt>Changed in review</dt><dd>2</dd>');
    expect(page).toContain('<span class="badge badge-review">Rejected in review</span>');
    expect(page).toContain('<span class="badge badge-review">Changed in review</span>');
    expect(page).not.toContain('<form');
  });

  it('reads a submitted review form as an approval: every choice but accept is an override', () => {
    expect(
      approvalFromForm({
        csrf: 'x',
        mode: 'in-place',
        'choice-1': 'accept',
        'choice-4': 'reject',
        'choice-7': 'pick:3008',
        other: 'ignored',
      }),
    ).toEqual({
      mode: 'in-place',
      overrides: [
        { position: 4, action: 'reject' },
        { position: 7, action: 'pick', trackId: '3008' },
      ],
    });
    expect(approvalFromForm({ 'choice-x': 'reject', 'choice-2': 'delete' }).overrides).toEqual([
      { position: Number.NaN, action: 'reject' },
      { position: 2, action: 'delete' },
    ]);
  });

  it('renders the start page: a labelled form with review chosen, the token, and what was typed', () => {
    const page = renderSubmitPage({
      csrfToken: 'submit-token',
      values: { playlist: HOSTILE, mode: 'dry-run' },
      problems: [HOSTILE],
    });
    expect(page).toContain('<form method="post" action="/remedies">');
    expect(page).toContain('<label class="field" for="playlist">');
    expect(page).toContain('<input type="hidden" name="csrf" value="submit-token">');
    expect(page).toContain('value="dry-run" checked');
    expect(page).not.toContain('value="review" checked');
    expect(page).toContain('role="alert"');
    expect(page).not.toContain('<script');
    expect(renderSubmitPage({ csrfToken: 't' })).toContain('value="review" checked');
  });

  it('tells a dry run from a published remedy', () => {
    const page = renderReportPage(done, sampleReport({ mode: 'dry-run', published: null }));
    expect(page).toContain('Dry run: nothing was written to TIDAL.');
    // No link to a published playlist (the row filter's links are to this page).
    expect(page).not.toContain('<a href="http');
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(215_000)).toBe('3:35');
    expect(formatDuration(5_000)).toBe('0:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});

describe('covers and links', () => {
  const cover = { url: 'https://resources.tidal.com/images/ab/cd/80x80.jpg', width: 80, height: 80 };
  const withCovers = () =>
    sampleReportItems().map((item) => ({
      ...item,
      original: { ...item.original, album: item.original.album && { ...item.original.album, cover } },
    }));

  it('shows each original’s cover, and an empty box of the same size where TIDAL sent none', () => {
    const page = renderReportPage(done, sampleReport({ items: withCovers() }));
    expect(page).toContain(`<img class="cover" src="${cover.url}" width="56" height="56" alt=""`);
    // The replacements in the fixture have no cover.
    expect(page).toContain('<span class="cover cover-none cover-56" aria-hidden="true">');
    expect(() => RemedyReportSchema.parse(sampleReport({ items: withCovers() }))).not.toThrow();
  });

  it('links tracks and albums to tidal.com only when the remedy ran against TIDAL', () => {
    const onTidal = renderReportPage(done, sampleReport({ webBase: 'https://tidal.com/browse' }));
    expect(onTidal).toContain('<a href="https://tidal.com/browse/track/1002">Track on TIDAL</a>');
    expect(onTidal).toContain('<a href="https://tidal.com/browse/album/9001">Album on TIDAL</a>');
    for (const webBase of [null, undefined]) {
      const page = renderReportPage(done, sampleReport({ webBase }));
      expect(page).not.toContain('Track on TIDAL');
      expect(page).not.toContain('/browse/track/');
    }
  });

  it('names a playlist published outside TIDAL (the emulator) without linking it', () => {
    const report = sampleReport({ published: { playlistId: 'pl-emulated', url: null, reused: false } });
    const page = renderReportPage(done, report);
    expect(page).toContain('The corrected playlist: pl-emulated.');
    expect(page).not.toContain('open it in TIDAL');
  });
});

describe('a failed remedy', () => {
  const failed = sampleRecord({
    state: 'failed',
    error: { step: 'match', message: 'TIDAL answered 500 five times', at: '2026-11-22T10:05:00.000Z' },
  });

  it('has a Retry button carrying the anti-forgery token, and the API call only without one', () => {
    const page = renderReportPage(failed, null, { csrfToken: 'tok' });
    expect(page).toContain(`<form method="post" action="/remedies/${failed.id}/retry">`);
    expect(page).toContain('<input type="hidden" name="csrf" value="tok">');
    expect(page).toContain('<button type="submit">Retry</button>');
    const readOnly = renderReportPage(failed, null);
    expect(readOnly).not.toContain('<button');
    expect(readOnly).toContain(`POST /v1/remedies/${failed.id}/retry`);
  });
});
