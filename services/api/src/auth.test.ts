import { ApiErrorSchema } from '@tidal-remedy/contracts';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, sameSecret } from './auth.js';
import { API_PURPOSE, FormGuard } from './form-guard.js';

let api: TestApi;
let remedyId: string;
/** Every response of this file, as text, to check that none carries the token. */
const seen: string[] = [];

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${api.url}${path}`, { redirect: 'manual', ...init });
  const text = await response.clone().text();
  seen.push(`${response.status} ${JSON.stringify([...response.headers])}\n${text}`);
  return response;
}

beforeAll(async () => {
  api = await startTestApi();
  remedyId = (
    await api.store.create({
      playlist: PLAYLIST_ID,
      mode: 'new',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
    })
  ).record.id;
});
afterAll(async () => {
  await api?.close();
});

/** Every route behind the token, as [method, path]. */
const PROTECTED: Array<[string, string]> = [
  ['POST', '/v1/remedies'],
  ['GET', '/v1/remedies/rem-abcdefgh'],
  ['POST', '/v1/remedies/rem-abcdefgh/retry'],
  ['POST', '/v1/remedies/rem-abcdefgh/publish'],
  ['POST', '/v1/watches'],
  ['GET', '/v1/watches'],
  ['GET', '/v1/watches/wat-abcdefgh'],
  ['DELETE', '/v1/watches/wat-abcdefgh'],
  ['GET', '/'],
  ['POST', '/remedies'],
  ['GET', '/remedies/rem-abcdefgh'],
  ['POST', '/remedies/rem-abcdefgh/publish'],
  ['GET', '/metrics'],
  ['GET', '/admin/queues'],
  ['GET', '/admin/queues/api/queues'],
  ['GET', '/no/such/route'],
];

function request(method: string, headers: Record<string, string>): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: JSON.stringify({ playlist: PLAYLIST_ID }) } : {}),
  };
}

describe('bearer token', () => {
  it.each(PROTECTED)('%s %s without a token is 401 saying how to authenticate', async (method, path) => {
    const response = await call(path, request(method, {}));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tidal-remedy"');
    const body = ApiErrorSchema.parse(await response.json());
    expect(body.error).toBe('unauthorized');
    expect(body.message).toContain('Authorization: Bearer <token>');
    expect(body.message).toContain('remedy-api/token');
  });

  it.each(PROTECTED)('%s %s with a wrong token is 401 invalid_token', async (method, path) => {
    const response = await call(path, request(method, { authorization: `Bearer ${TEST_TOKEN}x` }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="tidal-remedy", error="invalid_token"',
    );
    expect(ApiErrorSchema.parse(await response.json()).error).toBe('invalid_token');
  });

  it.each(PROTECTED)('%s %s with the token gets through', async (method, path) => {
    const response = await call(path, request(method, api.auth));
    expect(response.status).not.toBe(401);
    expect(response.status).toBeLessThan(500);
  });

  it('takes the scheme in any case, and nothing but Bearer', async () => {
    expect(
      (await call(`/v1/remedies/${remedyId}`, { headers: { authorization: `bearer ${TEST_TOKEN}` } })).status,
    ).toBe(200);
    expect(
      (await call(`/v1/remedies/${remedyId}`, { headers: { authorization: `Basic ${TEST_TOKEN}` } })).status,
    ).toBe(401);
    expect((await call(`/v1/remedies/${remedyId}`, { headers: { authorization: TEST_TOKEN } })).status).toBe(
      401,
    );
  });

  it('does not create a remedy for a request without the token', async () => {
    const before = (await api.admin.keys(`${api.prefix}:remedy:*`)).length;
    await call('/v1/remedies', request('POST', {}));
    expect((await api.admin.keys(`${api.prefix}:remedy:*`)).length).toBe(before);
  });

  it('leaves the probes open', async () => {
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
  });

  it('compares whole secrets', () => {
    expect(sameSecret(TEST_TOKEN, TEST_TOKEN)).toBe(true);
    expect(sameSecret(TEST_TOKEN.slice(0, -1), TEST_TOKEN)).toBe(false);
    expect(sameSecret('', TEST_TOKEN)).toBe(false);
  });
});

describe('a browser without a session', () => {
  it('gets a page saying how to sign in at /, while API clients keep the JSON 401', async () => {
    const browser = await call('/', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.status).toBe(401);
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    expect(browser.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(browser.headers.get('www-authenticate')).toBe('Bearer realm="tidal-remedy"');
    const page = await browser.text();
    expect(page).toContain('<h1>Sign in to tidal-remedy</h1>');
    expect(page).toContain('/?token=&lt;API token&gt;');
    expect(page).toContain('Authorization: Bearer');
    expect(page).not.toContain(TEST_TOKEN);

    const program = await call('/', { headers: { accept: 'application/json' } });
    expect(program.status).toBe(401);
    expect(ApiErrorSchema.parse(await program.json()).error).toBe('unauthorized');
    const wrong = await call('/v1/watches', { headers: { accept: 'text/html' } });
    expect(wrong.headers.get('content-type')).toMatch(/json/);
  });

  it('says a wrong token in the link was not valid', async () => {
    const page = await (await call('/?token=wrong', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('The token you gave is not valid');
  });
});

describe('a report page link with ?token=', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and redirects to the page without the token', async () => {
    const response = await call(`/remedies/${remedyId}?lang=en&token=${TEST_TOKEN}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/remedies/${remedyId}?lang=en`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');

    const session = cookie!.split(';')[0]!;
    const page = await call(`/remedies/${remedyId}`, { headers: { cookie: `theme=dark; ${session}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // The same session reads the remedy's JSON, as a page script would.
    expect((await call(`/v1/remedies/${remedyId}`, { headers: { cookie: session } })).status).toBe(200);
  });

  it('refuses a wrong token in the link, setting no cookie', async () => {
    const response = await call(`/remedies/${remedyId}?token=${TEST_TOKEN}x`);
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(ApiErrorSchema.parse(await response.json()).error).toBe('invalid_token');
    expect((await call(`/remedies/${remedyId}?token=a&token=b`)).status).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    for (const cookie of [
      `${SESSION_COOKIE}=${TEST_TOKEN}`,
      `${SESSION_COOKIE}=forged`,
      `${SESSION_COOKIE}=`,
    ]) {
      expect((await call(`/remedies/${remedyId}`, { headers: { cookie } })).status).toBe(401);
    }
  });

  it('lets the session cookie write to the JSON API only with the anti-forgery token, from this site', async () => {
    const login = await call(`/remedies/${remedyId}?token=${TEST_TOKEN}`);
    const session = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const before = (await api.admin.keys(`${api.prefix}:remedy:*`)).length;
    for (const [path, headers] of [
      [`/v1/remedies/${remedyId}/retry`, { origin: 'http://evil.example' }],
      [`/v1/remedies/${remedyId}/publish`, { origin: 'http://localhost:1' }],
      [`/v1/remedies/${remedyId}/retry`, { 'sec-fetch-site': 'same-site' }],
      // Even from this site, the cookie alone is not enough.
      [`/v1/remedies/${remedyId}/retry`, { origin: api.url }],
      ['/v1/remedies', { origin: api.url, 'x-csrf-token': 'forged' }],
      ['/v1/watches', {}],
    ] as const) {
      const response = await call(path, {
        method: 'POST',
        headers: { cookie: session, ...form, ...headers },
        body: 'playlist=x',
      });
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(ApiErrorSchema.parse(await response.json()).message).toContain('Authorization: Bearer');
    }
    expect((await api.admin.keys(`${api.prefix}:remedy:*`)).length).toBe(before);
    // The same check as the forms passes: past it, the route answers (a queued remedy: its job added again).
    const token = new FormGuard(TEST_TOKEN, null).token(API_PURPOSE);
    const passed = await call(`/v1/remedies/${remedyId}/retry`, {
      method: 'POST',
      headers: { cookie: session, origin: api.url, 'x-csrf-token': token },
    });
    expect(passed.status).toBe(202);
    // The bearer token needs no such check.
    const bearer = await call(`/v1/remedies/${remedyId}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, origin: 'http://evil.example' },
    });
    expect(bearer.status).not.toBe(403);
  });

  it('takes ?token= on the report page only', async () => {
    expect((await call(`/v1/remedies/${remedyId}?token=${TEST_TOKEN}`)).status).toBe(401);
    expect((await call(`/metrics?token=${TEST_TOKEN}`)).status).toBe(401);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const proxied = await startTestApi({ publicUrl: 'https://remedy.example' });
    try {
      const response = await fetch(`${proxied.url}/remedies/${remedyId}?token=${TEST_TOKEN}`, {
        redirect: 'manual',
      });
      expect(response.headers.getSetCookie()[0]).toContain('Secure');
    } finally {
      await proxied.close();
    }
  });
});

describe('the token stays secret', () => {
  it('appears in no response and no log line', () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const text of seen) expect(text).not.toContain(TEST_TOKEN);
    expect(api.logs.length).toBeGreaterThan(30);
    for (const line of api.logs) expect(line).not.toContain(TEST_TOKEN);
  });
});

describe('with API_AUTH off', () => {
  it('serves every route without a token', async () => {
    const open = await startTestApi({ authToken: null });
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${open.url}/v1/remedies/${remedyId}`)).status).toBe(404);
      const created = await fetch(`${open.url}/v1/remedies`, request('POST', {}));
      expect(created.status).toBe(202);
    } finally {
      await open.close();
    }
  });

  it('believes a proxy’s forwarded origin only with TRUST_PROXY: forms then pass, and the cookie is Secure', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'remedy.example' };
    const submit = (base: string, session: string) =>
      fetch(`${base}/remedies`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          ...forwarded,
          cookie: session,
          origin: 'https://remedy.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `csrf=${new FormGuard(TEST_TOKEN, null).token('submit')}&playlist=`,
      });
    const login = async (base: string) => {
      const response = await fetch(`${base}/remedies/${remedyId}?token=${TEST_TOKEN}`, {
        redirect: 'manual',
        headers: forwarded,
      });
      return response.headers.getSetCookie()[0]!;
    };
    // Not told to trust a proxy: anyone could send those headers, so they change nothing.
    const cookie = await login(api.url);
    expect(cookie).not.toContain('Secure');
    expect((await submit(api.url, cookie.split(';')[0]!)).status).toBe(403);

    const proxied = await startTestApi({ trustProxy: 'loopback' });
    try {
      const secure = await login(proxied.url);
      expect(secure).toContain('Secure');
      // Past the guard: the form is answered with what is wrong in it (no playlist), not refused.
      expect((await submit(proxied.url, secure.split(';')[0]!)).status).toBe(400);
    } finally {
      await proxied.close();
    }
  });
});
