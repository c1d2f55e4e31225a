import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { cliEnv, loadConfig } from '@tidal-remedy/config';
import { createLogger } from '@tidal-remedy/log';
import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import { approveLogin } from '@tidal-remedy/test-support/emulator-http';
import { type ChildHandle, spawnTs } from '@tidal-remedy/test-support/process';
import { type EmulatorHandle, startEmulator } from '@tidal-remedy/tidal-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountCommand, AccountCommandError, accountCommand } from './account-command.js';

/**
 * `pnpm remedy login`, `whoami` and `logout` against the emulator: the login end to end as a person does it
 * (the CLI prints the link; the test follows it over HTTP, posts the login form and the consent, and the
 * browser's redirect reaches the CLI's loopback port), then each bad input, with nothing written.
 */

const client = FIXTURE.userClient;
let emulator: EmulatorHandle;
let port: number;
let dir: string;
const children: ChildHandle[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

beforeAll(async () => {
  port = await freePort();
  const seed = fixtureSeed();
  for (const entry of seed.clients) {
    if (entry.clientId === client.clientId) entry.redirectUris = [`http://127.0.0.1:${port}/callback`];
  }
  emulator = await startEmulator({ seed });
  dir = await mkdtemp(path.join(tmpdir(), 'remedy-login-'));
});
afterAll(async () => {
  for (const child of children) child.child.kill();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (xdg: string) => ({
  XDG_CONFIG_HOME: xdg,
  REDIS_URL: '',
  CACHE_DIR: path.join(xdg, 'cache'),
  TIDAL_API_URL: emulator.url,
  TIDAL_AUTH_URL: emulator.authUrl,
  TIDAL_LOGIN_URL: emulator.loginUrl,
});

function cli(xdg: string, args: string[]): ChildHandle {
  const child = spawnTs('services/cli/src/main.ts', env(xdg), args);
  children.push(child);
  return child;
}

/** What a browser does with the link: the login form, the consent (allow), then TIDAL's redirect. */
async function browse(url: string, username: string): Promise<Response> {
  const form = new URLSearchParams(new URL(url).searchParams);
  expect(await (await fetch(url)).text()).toContain('name="username"');
  form.set('username', username);
  expect(await (await fetch(emulator.loginUrl, { method: 'POST', body: form })).text()).toContain('Allow');
  form.set('decision', 'allow');
  return fetch(`${emulator.loginUrl}/consent`, { method: 'POST', body: form });
}

describe('pnpm remedy login, whoami, logout', () => {
  it('logs in through the browser flow, writes the file 0600, and whoami names the account', async () => {
    const xdg = path.join(dir, 'happy');
    const login = cli(xdg, [
      'login',
      '--client-id',
      client.clientId,
      '--client-secret',
      client.clientSecret,
      '--port',
      String(port),
      '--no-browser',
    ]);
    const link = (await login.waitFor(/\/authorize\?/)).trim();
    const landed = await browse(link, 'other');
    expect(landed.status).toBe(200);
    expect(await landed.text()).toMatch(/Logged in to TIDAL/);
    expect(await login.exited).toBe(0);
    const output = login.lines.join('\n');
    const file = path.join(xdg, 'tidal-remedy', 'tidal-creds.json');
    expect(output).toContain(`Logged in as other (country GB); credentials written to ${file} (mode 0600)`);
    expect(output).toContain(`kubectl create secret generic tidal-creds --from-file=json=${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: 'playlists.read playlists.write user.read search.read',
      user_id: FIXTURE.otherUserId,
    });
    expect(output).not.toContain(written.refresh_token);
    expect(output).not.toContain(written.access_token);

    const who = cli(xdg, ['whoami']);
    expect(await who.exited).toBe(0);
    const told = who.lines.join('\n');
    expect(told).toMatch(/Account: +other \(user 190000002\)/);
    expect(told).toMatch(/Country: +GB/);
    expect(told).toMatch(/Scopes: +playlists.read playlists.write user.read search.read/);
    expect(told).toMatch(/Writes: +--mode new and in-place can publish/);

    // TIDAL rotates the refresh token on renewal: the CLI keeps the newest in the file.
    emulator.expireTokens();
    const again = cli(xdg, ['whoami']);
    expect(await again.exited).toBe(0);
    const renewed = JSON.parse(await readFile(file, 'utf8'));
    expect(renewed.refresh_token).not.toBe(written.refresh_token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A remedy without --country runs in the account's country, and says so; it renews with the newest
    // refresh token (the first one is spent).
    emulator.expireTokens();
    const remedy = cli(xdg, [FIXTURE.playlistId, '--mode', 'dry-run']);
    expect(await remedy.exited).toBe(0);
    expect(remedy.lines.join('\n')).toMatch(/unavailable in GB \(your TIDAL account’s country\)/);

    const logout = cli(xdg, ['logout']);
    expect(await logout.exited).toBe(0);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    const gone = cli(xdg, ['whoami']);
    expect(await gone.exited).toBe(2);
    expect(gone.lines.join('\n')).toContain('pnpm remedy login --client-id');
  }, 60_000);
});

describe('a write mode with a token that cannot publish', () => {
  it('fails before the first read, saying what to do', async () => {
    const creds = path.join(dir, 'read-only.json');
    await writeFile(
      creds,
      JSON.stringify({
        client_id: FIXTURE.readOnlyClient.clientId,
        client_secret: FIXTURE.readOnlyClient.clientSecret,
        refresh_token: FIXTURE.readOnlyClient.refreshToken,
      }),
    );
    emulator.clearRequests();
    const remedy = cli(path.join(dir, 'none'), [FIXTURE.playlistId, '--mode', 'new', '--creds', creds]);
    expect(await remedy.exited).toBe(1);
    expect(remedy.lines.join('\n')).toContain(
      'The remedy failed: Mode new cannot publish: the TIDAL token lacks the playlists.write scope (it has: playlists.read user.read). Log in as the playlist',
    );
    expect(emulator.requests().filter((request) => !request.path.includes('oauth2'))).toEqual([]);
  }, 30_000);
});

describe('bad input: a clear message, nothing written', () => {
  const config = () => loadConfig(cliEnv, env(dir));
  const logger = createLogger({ name: 'test', level: 'silent' });

  /** Runs login in this process; `answer` gets the printed link and plays the browser (or the paste). */
  async function login(
    creds: string,
    answer: (link: string, paste: PassThrough) => Promise<void>,
    overrides: Partial<Extract<AccountCommand, { action: 'login' }>> = {},
  ): Promise<string> {
    const paste = new PassThrough();
    let printed = '';
    let linked: (link: string) => void = () => {};
    const link = new Promise<string>((resolve) => {
      linked = resolve;
    });
    const run = accountCommand(
      {
        action: 'login',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        port,
        browser: false,
        creds,
        ...overrides,
      },
      config(),
      logger,
      {
        input: paste,
        out: (text) => {
          printed += text;
          const found = text.match(/http\S+\/authorize\?\S+/);
          if (found) linked(found[0]);
        },
      },
    );
    run.catch(() => {});
    void link.then((url) => answer(url, paste));
    try {
      await run;
      return printed;
    } catch (error) {
      expect(error).toBeInstanceOf(AccountCommandError);
      return (error as Error).message;
    }
  }

  it('a redirect with another state', async () => {
    const creds = path.join(dir, 'state.json');
    const message = await login(creds, async (url, paste) => {
      const location = new URL(await approveLogin(emulator, url, 'demo'));
      location.searchParams.set('state', 'forged');
      paste.write(`${location}\n`);
    });
    expect(message).toMatch(/state does not match this login/);
    await expect(stat(creds)).rejects.toThrow(/ENOENT/);
  });

  it('consent denied', async () => {
    const creds = path.join(dir, 'denied.json');
    const message = await login(creds, async (url) => {
      await fetch(await approveLogin(emulator, url, 'demo', 'deny'));
    });
    expect(message).toMatch(/did not allow access/);
    await expect(stat(creds)).rejects.toThrow(/ENOENT/);
  });

  it('a code issued for another PKCE challenge', async () => {
    const creds = path.join(dir, 'pkce.json');
    const message = await login(creds, async (url, paste) => {
      const forged = new URL(url);
      forged.searchParams.set('code_challenge', 'A'.repeat(43));
      paste.write(`${await approveLogin(emulator, forged.toString(), 'demo')}\n`);
    });
    expect(message).toMatch(
      /TIDAL refused the login code \(invalid_grant 11101 code_verifier does not match/,
    );
    await expect(stat(creds)).rejects.toThrow(/ENOENT/);
  });

  it('an unregistered redirect URI: TIDAL shows 11102 and the login writes nothing', async () => {
    const other = await freePort();
    const creds = path.join(dir, 'unregistered.json');
    const paste = new PassThrough();
    let link = '';
    const run = accountCommand(
      { action: 'login', clientId: client.clientId, clientSecret: null, port: other, browser: false, creds },
      config(),
      logger,
      {
        input: paste,
        out: (text) => (link ||= text.match(/http\S+\/authorize\?\S+/)?.[0] ?? ''),
        loginTimeoutMs: 1_500,
      },
    );
    const failed = run.then(
      () => null,
      (error: Error) => error.message,
    );
    await expect.poll(() => link).not.toBe('');
    const shown = await fetch(link);
    expect(shown.status).toBe(400);
    expect(await shown.json()).toMatchObject({ error: 'invalid_request', sub_status: 11102 });
    expect(await failed).toMatch(
      new RegExp(`No answer from TIDAL .* nothing was written.*register http://127.0.0.1:${other}/callback`),
    );
    await expect(stat(creds)).rejects.toThrow(/ENOENT/);
  });

  it('a port in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    const message = await login(path.join(dir, 'port.json'), async () => {}, { port: taken });
    busy.close();
    expect(message).toBe(
      `Port ${taken} on 127.0.0.1 is in use. Pick a free one with --port N, and register http://127.0.0.1:N/callback as a redirect URI of your TIDAL app.`,
    );
  });

  it('a credentials path that is a directory, or that cannot be written', async () => {
    expect(await login(dir, async () => {})).toMatch(/is a directory; give --creds a file path/);
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'x');
    expect(await login(path.join(blocker, 'creds.json'), async () => {})).toMatch(
      /Cannot write the credentials to .*a-file\/creds.json \((EEXIST|ENOTDIR)\); give --creds a path you may write/,
    );
  });
});
