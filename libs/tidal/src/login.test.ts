import { approveLogin } from '@tidal-remedy/test-support/emulator-http';
import { FIXTURE, emulatorTest as test } from '@tidal-remedy/test-support/tidal-emulator';
import { describe, expect, it } from 'vitest';
import { TidalClient } from './client.js';
import { parseTidalCredentials } from './credentials.js';
import {
  authorizeUrl,
  canWritePlaylists,
  codeFromRedirect,
  createPkce,
  exchangeCode,
  LOGIN_SCOPES,
  LoginError,
} from './login.js';
import type { StoredToken } from './token-store.js';

const client = FIXTURE.userClient;

describe('PKCE and the authorize URL', () => {
  it('draws a fresh verifier, its S256 challenge and a state each time', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.state).not.toBe(b.state);
  });

  it('points at login.tidal.com by default, with the scopes the tool needs', () => {
    const pkce = createPkce();
    const url = new URL(authorizeUrl({ clientId: 'cid', redirectUri: 'http://127.0.0.1:1/callback', pkce }));
    expect(`${url.origin}${url.pathname}`).toBe('https://login.tidal.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:1/callback',
      scope: LOGIN_SCOPES.join(' '),
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      state: pkce.state,
    });
  });

  it('takes the code only from a redirect with this login’s state, and says why not', () => {
    expect(codeFromRedirect('http://127.0.0.1:1/callback?code=c&state=s', 's')).toBe('c');
    expect(() => codeFromRedirect('http://127.0.0.1:1/callback?code=c&state=x', 's')).toThrow(/state/);
    expect(() => codeFromRedirect('http://127.0.0.1:1/callback?error=access_denied&state=s', 's')).toThrow(
      /did not allow access/,
    );
    expect(() => codeFromRedirect('not a url', 's')).toThrow(LoginError);
  });

  it('knows which scopes allow playlist writes', () => {
    expect(canWritePlaylists(['playlists.read', 'playlists.write'])).toBe(true);
    expect(canWritePlaylists(['playlists.read', 'user.read'])).toBe(false);
  });
});

describe('logging in against the emulator', () => {
  test('exchanges the code for a user token whose account and scopes the client then knows', async ({
    emulator,
  }) => {
    const pkce = createPkce();
    const url = authorizeUrl({
      loginUrl: emulator.loginUrl,
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      pkce,
    });
    const code = codeFromRedirect(await approveLogin(emulator, url, 'other'), pkce.state);
    const tokens = await exchangeCode({
      authUrl: emulator.authUrl,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      code,
      verifier: pkce.verifier,
      redirectUri: client.redirectUri,
    });
    expect(tokens).toMatchObject({ scopes: [...LOGIN_SCOPES], userId: FIXTURE.otherUserId });
    expect(tokens.refreshToken).toEqual(expect.any(String));

    // The client renews from the refresh token, keeping the newest TIDAL hands out.
    const renewed: StoredToken[] = [];
    const tidal = new TidalClient({
      apiUrl: emulator.url,
      authUrl: emulator.authUrl,
      credentials: parseTidalCredentials({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        refresh_token: tokens.refreshToken,
      }),
      onTokenRenewed: (token) => renewed.push(token),
    });
    expect(await tidal.getMe()).toEqual({ id: FIXTURE.otherUserId, username: 'other', countryCode: 'GB' });
    expect(await tidal.tokenInfo()).toEqual({ userToken: true, scopes: [...LOGIN_SCOPES] });
    emulator.expireTokens();
    await tidal.getMe();
    expect(renewed).toHaveLength(2);
    expect(renewed[1]?.refreshToken).not.toBe(renewed[0]?.refreshToken);
    expect(renewed[0]?.refreshToken).not.toBe(tokens.refreshToken);
  });

  test('refuses a verifier that is not the challenge’s, naming TIDAL’s error and no secret', async ({
    emulator,
  }) => {
    const pkce = createPkce();
    const url = authorizeUrl({
      loginUrl: emulator.loginUrl,
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      pkce,
    });
    const code = codeFromRedirect(await approveLogin(emulator, url, 'demo'), pkce.state);
    const other = createPkce().verifier;
    const failure = exchangeCode({
      authUrl: emulator.authUrl,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      code,
      verifier: other,
      redirectUri: client.redirectUri,
    });
    await expect(failure).rejects.toThrow(/invalid_grant 11101 code_verifier does not match/);
    await expect(failure).rejects.not.toThrow(new RegExp(`${code}|${other}|${client.clientSecret}`));
  });
});
