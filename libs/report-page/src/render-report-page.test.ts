import { RemedyRecordSchema, RemedyReportSchema } from '@tidal-remedy/contracts';
import { describe, expect, it } from 'vitest';
import {
  sampleRecord,
  sampleReport,
  sampleReportItems,
  sampleTrack,
} from '../../../test/support/remedy-fixtures.js';
import { escapeHtml, html, safeHttpUrl } from './html.js';
import { renderReportPage } from './render-report-page.js';
import { formatDuration } from './track-text.js';

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
      expect(page).not.toContain('<script');
      expect(page).not.toContain('javascript:');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    }
  });

  it('shows progress and reloads itself while the remedy runs', () => {
    const page = renderReportPage(
      sampleRecord({
        state: 'matching',
        playlistName: 'Road Trip',
        progress: { items: 60, unavailable: 4, matched: 1 },
      }),
      null,
      { refreshSeconds: 3 },
    );
    expect(page).toContain('<meta http-equiv="refresh" content="3">');
    expect(page).toContain('Finding replacements');
    expect(page).toContain('Read 60 items.');
    expect(page).toContain('<progress id="matched" max="4" value="1">');
    expect(page).not.toContain('<table>');
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

  it('tells a dry run from a published remedy', () => {
    const page = renderReportPage(done, sampleReport({ mode: 'dry-run', published: null }));
    expect(page).toContain('Dry run: nothing was written to TIDAL.');
    expect(page).not.toContain('<a href=');
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(215_000)).toBe('3:35');
    expect(formatDuration(5_000)).toBe('0:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});
