import { createLogger } from '@tidal-remedy/log';
import { SecretNotFoundError } from '@tidal-remedy/secrets';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScrapeToken } from './api-token.js';

/** METRICS_SCRAPE_AUTH: Prometheus scrapes GET /metrics with its own credential, which opens nothing else. */

const SCRAPE_TOKEN = 'scrape-token-8c1e4a9b2d7f6e30';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ scrapeToken: SCRAPE_TOKEN });
});
afterAll(async () => {
  await api?.close();
});

describe('GET /metrics with a scrape credential configured', () => {
  it('serves the metrics to the scrape credential, and to the API token as before', async () => {
    for (const token of [SCRAPE_TOKEN, TEST_TOKEN]) {
      const response = await fetch(`${api.url}/metrics`, { headers: bearer(token) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/^# HELP /m);
    }
  });

  it('refuses anything else with a 401', async () => {
    for (const headers of [{}, bearer(`${SCRAPE_TOKEN}x`), bearer('')]) {
      expect((await fetch(`${api.url}/metrics`, { headers })).status).toBe(401);
    }
  });

  it('opens no other route', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/v1/remedies/rem-abcdefgh'],
      ['POST', '/v1/remedies'],
      ['GET', '/v1/watches'],
      ['GET', '/admin/queues'],
      ['GET', '/remedies/rem-abcdefgh'],
      ['POST', '/metrics'],
    ];
    for (const [method, path] of routes) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { ...bearer(SCRAPE_TOKEN), 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('without a scrape credential (METRICS_SCRAPE_AUTH off)', () => {
  it('takes only the API token on GET /metrics', async () => {
    const plain = await startTestApi();
    try {
      expect((await fetch(`${plain.url}/metrics`, { headers: bearer(SCRAPE_TOKEN) })).status).toBe(401);
      expect((await fetch(`${plain.url}/metrics`, { headers: plain.auth })).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});

describe('loadScrapeToken', () => {
  const logger = createLogger({ name: 'api', level: 'silent' });

  it('reads the secret remedy-metrics/token as Flyte injects it', async () => {
    expect(await loadScrapeToken(logger, { '_UNION_REMEDY-METRICS_TOKEN': `${SCRAPE_TOKEN}\n` })).toBe(
      SCRAPE_TOKEN,
    );
  });

  it('fails, naming the secret, when it is missing: the API does not start without it', async () => {
    const error = await loadScrapeToken(logger, { FLYTE_SECRETS_DEFAULT_DIR: '/nonexistent' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as Error).message).toContain('remedy-metrics/token');
  });
});
