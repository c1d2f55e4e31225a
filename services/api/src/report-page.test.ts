import { PAGE_SCRIPT } from '@tidal-remedy/report-page';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import {
  PLAYLIST_ID,
  sampleReport,
  sampleReportItems,
  sampleTrack,
} from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REQUEST = {
  playlist: PLAYLIST_ID,
  mode: 'new',
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
} as const;
const HOSTILE = '<script>alert(document.cookie)</script>';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

async function page(id: string): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${api.url}/remedies/${id}`, { headers: api.auth });
  return { response, text: await response.text() };
}

describe('GET /remedies/:id', () => {
  it('shows a finished remedy as a self-contained HTML page', async () => {
    const { response, text } = await page(await api.finishRemedy(sampleReport()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(text).toContain('<h1>Road Trip</h1>');
    expect(text).toContain('Slack Tide (2011 Remaster)');
    expect(text).toContain('91%');
    expect(text).toContain('No match');
    expect(text).not.toContain('http-equiv="refresh"');
  });

  it('shows progress and reloads while the remedy runs', async () => {
    const { record } = await api.store.create(REQUEST);
    await api.store.setState(record.id, 0, 'matching', {
      playlistName: 'Road Trip',
      items: 60,
      unavailable: 4,
    });
    await api.store.markMatched(record.id, 0, [3]);
    const { response, text } = await page(record.id);
    expect(response.status).toBe(200);
    expect(text).toContain('<noscript><meta http-equiv="refresh"');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'sha256-");
    expect(text).toContain('Replacements looked for: 1 of 4');
  });

  it('escapes a hostile playlist name, track fields and reasons', async () => {
    const hostileTrack = sampleTrack({ title: HOSTILE, artists: [{ id: '1', name: HOSTILE }] });
    const [item] = sampleReportItems();
    const id = await api.finishRemedy(
      sampleReport({
        playlist: { id: PLAYLIST_ID, name: HOSTILE },
        items: [{ ...item!, original: hostileTrack, reasons: [HOSTILE] }],
      }),
    );
    const { text } = await page(id);
    expect(text).not.toContain('<script');
    expect(text).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');

    const { record } = await api.store.create(REQUEST);
    await api.store.setState(record.id, 0, 'fetching', { playlistName: HOSTILE });
    const running = (await page(record.id)).text;
    expect(running.replace(`<script>${PAGE_SCRIPT}</script>`, '')).not.toContain('<script');
    expect(running).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
  });

  it('answers 404 for an unknown remedy', async () => {
    const { response, text } = await page('rem-doesnotexist');
    expect(response.status).toBe(404);
    expect(JSON.parse(text).error).toBe('not_found');
  });
});
