import { describe, expect, it } from 'vitest';
import { parseTidalCredentials } from './credentials.js';
import { InvalidCredentialsError } from './errors.js';

describe('parseTidalCredentials', () => {
  it('reads TIDAL’s own token shape, expires_at in epoch seconds', () => {
    expect(
      parseTidalCredentials({
        client_id: 'cid',
        client_secret: 'cs',
        access_token: 'at',
        refresh_token: 'rt',
        expires_at: 1_900_000_000,
        token_type: 'Bearer',
        user_id: 190000001,
        scope: 'playlists.read playlists.write',
      }),
    ).toEqual({
      clientId: 'cid',
      clientSecret: 'cs',
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: 1_900_000_000_000,
      scopes: ['playlists.read', 'playlists.write'],
      userId: '190000001',
    });
  });

  it('reads expiry_time as an ISO time, zone-less meaning UTC', () => {
    const zoned = parseTidalCredentials({ access_token: 'at', expiry_time: '2030-01-02T03:04:05+01:00' });
    const naive = parseTidalCredentials({ access_token: 'at', expiry_time: '2030-01-02T03:04:05.123456' });
    expect(zoned.expiresAt).toBe(Date.parse('2030-01-02T02:04:05Z'));
    expect(naive.expiresAt).toBe(Date.parse('2030-01-02T03:04:05.123Z'));
  });

  it('reads a tidalapi session file, values wrapped in { data }', () => {
    expect(
      parseTidalCredentials({
        token_type: { data: 'Bearer' },
        session_id: { data: 'd0c4…' },
        access_token: { data: 'at' },
        refresh_token: { data: 'rt' },
        is_pkce: { data: false },
        expiry_time: { data: '2030-01-01T00:00:00' },
        client_id: 'cid',
      }),
    ).toEqual({
      clientId: 'cid',
      clientSecret: null,
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    });
  });

  it('accepts client credentials alone (a catalog-only token)', () => {
    expect(parseTidalCredentials({ client_id: 'cid', client_secret: 'cs' })).toMatchObject({
      clientId: 'cid',
      accessToken: null,
      refreshToken: null,
    });
  });

  it.each([
    [{}, '(root): need an access_token, or a client_id with a refresh_token or a client_secret'],
    [{ refresh_token: 'super-secret-rt' }, '(root): a refresh_token needs the client_id it was issued to'],
    [{ access_token: 12345678 }, 'access_token: Invalid input: expected string, received number'],
    [{ access_token: 'x', expires_at: 'soon' }, 'expires_at: expected epoch seconds or an ISO-8601 time'],
    [{ access_token: 'x', token_type: 'MAC' }, 'token_type: only Bearer tokens are supported'],
  ])('refuses %j, naming the field but never its value', (input, expected) => {
    let error: unknown;
    try {
      parseTidalCredentials(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as Error).message).toContain(expected);
    expect((error as Error).message).not.toContain('super-secret-rt');
    expect((error as Error).message).not.toContain('12345678');
  });
});
