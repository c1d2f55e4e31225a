import { createHash, randomBytes } from 'node:crypto';
import { FIXTURE } from '@tidal-remedy/test-support/emulator-fixture';
import { api, startFixture, token } from '@tidal-remedy/test-support/emulator-http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractCheck } from '../../../test/contract/contract-check.js';
import type { EmulatorHandle } from './emulator.js';

let emulator: EmulatorHandle;
const contract = contractCheck({ requests: false });

beforeAll(async () => {
  emulator = await startFixture({ onExchange: contract.onExchange });
});
afterEach(() => {
  expect(contract.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await emulator.close();
});

const client = FIXTURE.userClient;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(
  challenge: string,
  overrides: Record<string, string> = {},
  clientId: string = client.clientId,
): string {
  const url = new URL(emulator.loginUrl);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: client.redirectUri,
    scope: 'playlists.read playlists.write user.read',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st-123',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Follows the login form and the consent step over HTTP, as a browser would. */
async function viaForms(url: string, username: string, decision: 'allow' | 'deny'): Promise<URL> {
  const login = await fetch(url);
  expect(login.status).toBe(200);
  const loginPage = await login.text();
  expect(loginPage).toContain('name="username"');
  const params = new URL(url).searchParams;
  const loginForm = new URLSearchParams(params);
  loginForm.set('username', username);
  const consent = await fetch(emulator.loginUrl, { method: 'POST', body: loginForm });
  expect(consent.status).toBe(200);
  expect(await consent.text()).toContain('playlists.write');
  const decisionForm = new URLSearchParams(loginForm);
  decisionForm.set('decision', decision);
  const back = await fetch(`${emulator.loginUrl}/consent`, {
    method: 'POST',
    body: decisionForm,
    redirect: 'manual',
  });
  expect(back.status).toBe(302);
  return new URL(back.headers.get('location') ?? '');
}

async function exchange(code: string, verifier: string, redirectUri: string = client.redirectUri) {
  return token(emulator, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
  });
}

describe('GET /authorize and the authorization_code grant with PKCE', () => {
  it('logs a seeded user in through the form and consent, and the code buys a user token', async () => {
    const { verifier, challenge } = pkce();
    const back = await viaForms(authorizeUrl(challenge), 'other', 'allow');
    expect(`${back.origin}${back.pathname}`).toBe(client.redirectUri);
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code') ?? '';
    const granted = await exchange(code, verifier);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'playlists.read playlists.write user.read',
      user_id: Number(FIXTURE.otherUserId),
    });
    expect(granted.body.refresh_token).toEqual(expect.any(String));
    const me = await api(emulator, granted.body.access_token as string, '/users/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual({
      id: FIXTURE.otherUserId,
      type: 'users',
      attributes: { username: 'other', country: 'GB', developerAccessTier: 'THIRD_PARTY' },
    });
    // A code is good once.
    expect((await exchange(code, verifier)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a verifier that does not match the challenge, in TIDAL’s error shape', async () => {
    const { challenge } = pkce();
    const response = await fetch(`${emulator.origin}/__emulator/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: authorizeUrl(challenge), username: 'demo' }),
    });
    const { location } = (await response.json()) as { location: string };
    const code = new URL(location).searchParams.get('code') ?? '';
    const refused = await exchange(code, pkce().verifier);
    expect(refused).toEqual({
      status: 400,
      body: {
        status: 400,
        error: 'invalid_grant',
        sub_status: 11101,
        error_description: 'code_verifier does not match the code_challenge',
      },
    });
  });

  it('refuses an unregistered redirect URI with 11102, without redirecting', async () => {
    const response = await fetch(
      authorizeUrl(pkce().challenge, { redirect_uri: 'http://127.0.0.1:9999/callback' }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, error: 'invalid_request', sub_status: 11102 });
  });

  it('sends the user’s refusal back as access_denied with the state', async () => {
    const back = await viaForms(authorizeUrl(pkce().challenge), 'demo', 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('requires PKCE S256 and refuses scopes the client may not ask for', async () => {
    const plain = await fetch(authorizeUrl('x'.repeat(43), { code_challenge_method: 'plain' }), {
      redirect: 'manual',
    });
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const readOnly = FIXTURE.readOnlyClient;
    const scoped = await fetch(authorizeUrl(pkce().challenge, {}, readOnly.clientId), { redirect: 'manual' });
    expect(new URL(scoped.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');
  });

  it('rotates an issued refresh token: the new one works, the old one is spent', async () => {
    const { verifier, challenge } = pkce();
    const back = await viaForms(authorizeUrl(challenge), 'demo', 'allow');
    const first = await exchange(back.searchParams.get('code') ?? '', verifier);
    const refresh = (refreshToken: string) =>
      token(emulator, {
        grant_type: 'refresh_token',
        client_id: client.clientId,
        refresh_token: refreshToken,
      });
    const second = await refresh(first.body.refresh_token as string);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await refresh(first.body.refresh_token as string)).body).toMatchObject({
      error: 'invalid_grant',
      sub_status: 11101,
    });
    expect((await refresh(second.body.refresh_token as string)).status).toBe(200);
  });

  it('enforces scopes per operation: without playlists.write a user token may not write', async () => {
    const readOnly = FIXTURE.readOnlyClient;
    const { verifier, challenge } = pkce();
    const approved = await fetch(`${emulator.origin}/__emulator/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: authorizeUrl(challenge, { scope: 'playlists.read user.read' }, readOnly.clientId),
        username: 'demo',
      }),
    });
    const code = new URL(((await approved.json()) as { location: string }).location).searchParams.get('code');
    const granted = await token(emulator, {
      grant_type: 'authorization_code',
      client_id: readOnly.clientId,
      code: code ?? '',
      code_verifier: verifier,
      redirect_uri: readOnly.redirectUri,
    });
    expect(granted.body.scope).toBe('playlists.read user.read');
    const write = await api(emulator, granted.body.access_token as string, '/playlists', {
      method: 'POST',
      body: { data: { type: 'playlists', attributes: { name: 'x' } } },
    });
    expect(write.status).toBe(403);
    expect((await api(emulator, granted.body.access_token as string, '/users/me')).status).toBe(200);
  });
});
