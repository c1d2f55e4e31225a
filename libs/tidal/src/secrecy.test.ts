import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { FIXTURE } from '@tidal-remedy/test-support/emulator-fixture';
import { clientFor, startFixtureEmulator } from '@tidal-remedy/test-support/tidal-emulator';
import type { EmulatorHandle } from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TidalClient, type TidalLogger } from './client.js';
import { parseTidalCredentials } from './credentials.js';

/**
 * No token or secret may reach a log line or an error: this drives the client through every path that
 * logs or throws (renewal, 401, retries, 429, timeouts, refused credentials, TIDAL echoing the token)
 * and looks for every secret in everything it produced.
 */
describe('secrecy', () => {
  let emulator: EmulatorHandle;
  let echo: Server;
  let echoUrl: string;

  beforeAll(async () => {
    emulator = await startFixtureEmulator();
    // A server that, like a careless gateway, echoes the bearer token in its error detail.
    echo = createServer((req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/vnd.api+json' });
      res.end(
        JSON.stringify({ errors: [{ status: '400', detail: `bad token ${req.headers.authorization}` }] }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await emulator.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('never puts a token or secret in a log line or an error', async () => {
    const lines: string[] = [];
    const logger: TidalLogger = {
      info: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`),
      warn: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const issued: string[] = [];
    const spyingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/oauth2/token') && response.ok) {
        const body = (await response.clone().json()) as { access_token: string };
        issued.push(body.access_token);
      }
      return response;
    };
    const errors: unknown[] = [];
    const attempt = (promise: Promise<unknown>) => promise.catch((error: unknown) => errors.push(error));

    const client = clientFor(emulator, { logger, fetch: spyingFetch, timeoutMs: 300 });
    await client.getPlaylist(FIXTURE.playlistId);
    emulator.expireTokens();
    emulator.injectFault({ status: 500, count: 1, path: '/tracks' });
    emulator.injectFault({ status: 429, count: 1, retryAfterSeconds: 0, path: '/tracks' });
    await client.getTracks(['104'], { countryCode: 'US' });
    emulator.injectFault({ status: 429, count: 5, retryAfterSeconds: 600, path: '/playlists/{id}' });
    await attempt(client.getPlaylist(FIXTURE.playlistId));
    emulator.injectFault({ delayMs: 5_000, count: 5, path: '/searchResults' });
    await attempt(client.searchTracks('queen', { countryCode: 'US' }));
    await attempt(client.addItems(FIXTURE.otherPlaylistId, ['104']));
    await attempt(
      clientFor(emulator, {
        logger,
        credentials: parseTidalCredentials({
          client_id: FIXTURE.userClient.clientId,
          refresh_token: 'refused-refresh-token',
        }),
      }).getPlaylist(FIXTURE.playlistId),
    );
    await attempt(
      new TidalClient({
        apiUrl: echoUrl,
        authUrl: `${echoUrl}/token`,
        credentials: parseTidalCredentials({ access_token: 'echoed-access-token' }),
        logger,
      }).getPlaylist('p'),
    );

    const secrets = [
      ...issued,
      FIXTURE.userClient.refreshToken,
      FIXTURE.userClient.clientSecret,
      'refused-refresh-token',
      'echoed-access-token',
    ];
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(5);
    const produced = [
      ...lines,
      ...errors.flatMap((error) => [
        String(error),
        (error as Error).stack ?? '',
        inspect(error, { depth: 6 }),
      ]),
    ].join('\n');
    for (const secret of secrets) expect(produced).not.toContain(secret);
    expect(produced).toContain('bad token Bearer [redacted]');
  });
});
