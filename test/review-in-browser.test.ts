import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type RemedyReport, RemedyStatusSchema } from '@tidal-remedy/contracts';
import { jobIds } from '@tidal-remedy/queue';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { startWorker, stopWorker, WORKER_SERVICES, workerEnv } from '@tidal-remedy/test-support/pipeline';
import type { ChildHandle } from '@tidal-remedy/test-support/process';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A person in a real browser (Debian's chromium, driven by playwright-core; no browser is downloaded):
 * submits a playlist for review, watches it progress, changes two decisions, publishes, and sees the
 * result, against the emulator and the three worker processes. Set SCREENSHOT_DIR to keep screenshots
 * of the pages at desktop and phone widths.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let emulator: EmulatorHandle;
let api: TestApi;
let workers: ChildHandle[] = [];
let browser: Browser;

beforeAll(async () => {
  // A little latency per TIDAL call, so the remedy runs long enough to be seen in progress.
  emulator = await startEmulator({ seed: await loadSeedFile(DEFAULT_SEED_PATH), port: 0, latencyMs: 25 });
  api = await startTestApi();
  const env = workerEnv(emulator, api.prefix);
  [workers, browser] = await Promise.all([
    Promise.all(WORKER_SERVICES.map((service) => startWorker(service, env))),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  if (SCREENSHOT_DIR) await mkdir(SCREENSHOT_DIR, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(workers.map(stopWorker));
  await api?.close();
  await emulator?.close();
});

/** Errors the pages raised in the browser: script errors, and CSP refusals (logged as console errors). */
const pageErrors: string[] = [];

/** A browser session logged in the way a person is: the link with ?token= once, then the cookie. */
async function session(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The browser asks for /favicon.ico, which the API does not serve.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      pageErrors.push(message.text());
    }
  });
  await page.goto(`${api.url}/?token=${TEST_TOKEN}`);
  expect(new URL(page.url()).search).toBe('');
  return { context, page };
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Whether the page is as wide as the screen: nothing to scroll sideways. */
async function fitsWidth(page: Page): Promise<boolean> {
  // A string, run in the page: this file is compiled without the DOM's types.
  return page.evaluate<boolean>(
    'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
  );
}

async function statusOf(id: string) {
  const response = await fetch(`${api.url}/v1/remedies/${id}`, { headers: api.auth });
  return RemedyStatusSchema.parse(await response.json());
}

describe('review in a real browser', () => {
  it('submit, watch it progress, review, override two decisions, publish, and see the result', async () => {
    const { context, page } = await session(DESKTOP);
    const before = emulator.state().playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!;

    // Submit: review is the start page's default.
    await page.getByLabel(/^Playlist/).fill(`https://tidal.com/browse/playlist/${DEMO_ACCOUNT.playlistId}`);
    expect(await page.getByRole('radio', { name: /Review first/ }).isChecked()).toBe(true);
    await screenshot(page, 'start-desktop');
    await page.getByRole('button', { name: 'Remedy' }).click();
    await page.waitForURL(/\/remedies\/rem-[\w-]+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // Progress, then the review form: the page's own script follows the remedy; the test never reloads.
    await expect.poll(() => page.getByRole('heading', { name: 'Progress' }).isVisible()).toBe(true);
    await screenshot(page, 'progress-desktop');
    await page.getByText('Awaiting your review').waitFor({ timeout: 30_000 });
    expect(await (await api.queues.publish.getJob(jobIds.publish(id, 0)))?.getState()).toBe('delayed');

    // Covers: every original's album cover loaded from the emulator's image host (80 px, shown at 56);
    // no link to tidal.com, since the emulator's ids mean nothing there.
    // A string, run in the page: this file is compiled without the DOM's types.
    const coverWidths = () =>
      page.evaluate<number[]>(
        "[...document.querySelectorAll('tbody img.cover')].map((image) => image.complete ? image.naturalWidth : 0)",
      );
    expect((await coverWidths()).length).toBeGreaterThanOrEqual(15);
    // They load lazily: bring each into view.
    const images = page.locator('tbody img.cover');
    for (let n = 0; n < (await images.count()); n++) await images.nth(n).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await coverWidths()).every((width) => width === 80)).toBe(true);
    expect(await page.locator('a[href*="tidal.com"]').count()).toBe(0);

    // The table: caption, column headers with scope, one row per unavailable item, worded badges.
    const table = page.getByRole('table');
    expect(await table.locator('caption').textContent()).toMatch(/^15 unavailable tracks in US/);
    expect(await table.locator('thead th[scope="col"]').allInnerTexts()).toEqual([
      '#',
      'Original',
      'Decision',
      'Replacement',
      'Score',
      'Why',
      'Your choice',
    ]);
    expect(await table.locator('tbody tr').count()).toBe(15);
    const badges = await table.locator('tbody .badge').allInnerTexts();
    expect(new Set(badges)).toEqual(new Set(['Same recording', 'Match', 'No match']));

    // Choose: a runner-up for one matched item, a rejection for one replaced by the same recording.
    const proposed = (await statusOf(id)).report!;
    const picked = proposed.items.find((item) => item.decision === 'match' && item.runnersUp.length > 0)!;
    const rejected = proposed.items.find((item) => item.decision === 'isrc')!;
    const runnerUp = picked.runnersUp[0]!.track;
    const choices = (item: RemedyReport['items'][number]) =>
      page.getByRole('group', { name: new RegExp(`^Your choice for item ${item.position + 1},`) });
    const pick = choices(picked).locator(`input[value="pick:${runnerUp.id}"]`);
    expect(await choices(picked).getByRole('radio').count()).toBe(2 + picked.runnersUp.length);
    expect(
      await page.locator(`label[for="choice-${picked.position}-${runnerUp.id}"]`).textContent(),
    ).toContain(`Use ${runnerUp.title}`);
    await pick.check();
    await choices(rejected).getByRole('radio', { name: 'Reject it: no replacement' }).check();
    await page.getByRole('radio', { name: /As a new playlist/ }).check();

    // Keyboard focus is visible: from the mode radios, Tab reaches the button and draws a ring around it.
    await page.getByRole('radio', { name: /As a new playlist/ }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.locator(':focus').evaluate((element) => {
      const style = element.ownerDocument.defaultView!.getComputedStyle(element);
      return { text: element.textContent, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    expect(focused).toEqual({ text: 'Publish', outline: 'solid 3px' });
    await screenshot(page, 'review-desktop');

    // The same review at a phone's width: one card per item, nothing wider than the screen.
    const phone = await session(PHONE);
    await phone.page.goto(`${api.url}/remedies/${id}`);
    expect(await fitsWidth(phone.page)).toBe(true);
    expect(await phone.page.getByRole('button', { name: 'Publish' }).isVisible()).toBe(true);
    await screenshot(phone.page, 'review-phone');

    // Publish, and follow it to the end.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`${api.url}/remedies/${id}`);
    await page.locator('.state-done').waitFor({ timeout: 30_000 });
    expect(await page.getByText('2 decisions were changed in review').isVisible()).toBe(true);
    expect(await page.locator('.badge-review').allInnerTexts()).toEqual(
      expect.arrayContaining(['Changed in review', 'Rejected in review']),
    );
    const report = (await statusOf(id)).report!;
    expect(report.published).toMatchObject({ url: null });
    expect(report.webBase).toBeNull();
    // Against the emulator the playlist is named, not linked: it exists on no tidal.com.
    expect(await page.getByText(`The corrected playlist: ${report.published!.playlistId}.`).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('link', { name: 'open it in TIDAL' }).count()).toBe(0);
    expect(report.review).toMatchObject({ changed: 2 });
    expect(report.items.find((item) => item.position === picked.position)).toMatchObject({
      replacement: { id: runnerUp.id },
      review: { action: 'pick', changed: true, proposed: { replacementId: picked.replacement!.id } },
    });
    expect(report.items.find((item) => item.position === rejected.position)).toMatchObject({
      decision: 'none',
      replacement: null,
      review: { action: 'reject', changed: true },
    });
    await screenshot(page, 'done-desktop');

    // What TIDAL holds: the original order, the machine's replacements, and the person's two changes.
    const published = emulator
      .state()
      .playlists.find((playlist) => playlist.id === report.published!.playlistId)!;
    expect(published.name).toBe('Road Trip Classics (remedied)');
    const replacedAt = new Map(proposed.items.map((item) => [item.position, item.replacement?.id]));
    replacedAt.set(picked.position, runnerUp.id);
    replacedAt.set(rejected.position, undefined);
    expect(published.items.map((item) => item.trackId)).toEqual(
      before.items.map((item, position) => replacedAt.get(position) ?? item.trackId),
    );
    expect(published.items[picked.position]?.trackId).toBe(runnerUp.id);
    expect(published.items[rejected.position]?.trackId).toBe(rejected.original.id);

    await phone.page.reload();
    await phone.page.locator('.state-done').waitFor();
    expect(await fitsWidth(phone.page)).toBe(true);
    await screenshot(phone.page, 'done-phone');
    await phone.context.close();
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
