import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { sampleReport, sampleReportItems } from '@tidal-remedy/test-support/remedy-fixtures';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The pages at a phone's width in a real browser (Debian's chromium via playwright-core), fast: no
 * workers, no emulator; a finished remedy is written to the store. The sign-in page for a browser
 * without a session, and the report's "Only rows that need attention" link and folded score parts,
 * all without breaking the page's Content-Security-Policy.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([
    startTestApi(),
    chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('pages at 390 px', () => {
  it('says how to sign in, then filters the report to the rows that need attention', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
        errors.push(message.text());
    });

    const signIn = await page.goto(`${api.url}/`);
    expect(signIn?.status()).toBe(401);
    await page.getByRole('heading', { name: 'Sign in to tidal-remedy' }).waitFor();
    expect(await page.getByText('/?token=<API token>').isVisible()).toBe(true);
    // The 401 itself is logged by the browser as a failed load; only what follows must be clean.
    errors.length = 0;

    const [first, second, third] = sampleReportItems();
    const flagged = { ...second!, attention: ['The lead over the next candidate is small.'] };
    const id = await api.finishRemedy(sampleReport({ items: [first!, flagged, third!] }));
    await page.goto(`${api.url}/remedies/${id}?token=${TEST_TOKEN}`);
    expect(await page.locator('tbody tr').count()).toBe(3);
    // Score parts are folded until asked.
    const parts = page.locator('details.parts').first();
    expect(await parts.locator('dl').isVisible()).toBe(false);
    await parts.locator('summary').click();
    expect(await parts.locator('dl').isVisible()).toBe(true);

    await page.getByRole('link', { name: /Only rows that need attention/ }).click();
    await page.waitForURL(/\?rows=attention$/);
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(
      await page.evaluate<boolean>(
        'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
      ),
    ).toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
