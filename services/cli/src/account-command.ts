import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { CliConfig } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import {
  authorizeUrl,
  canWritePlaylists,
  codeFromRedirect,
  createPkce,
  exchangeCode,
  LoginError,
  parseTidalCredentials,
  TidalClient,
  type TidalUser,
} from '@tidal-remedy/tidal';
import {
  CredsFileError,
  defaultCredsPath,
  ensureWritable,
  resolveCliCredentials,
  writeBackRenewed,
  writeCredsFile,
} from './creds-file.js';
import { UsageError } from './usage-error.js';

export const DEFAULT_LOGIN_PORT = 8765;

export const ACCOUNT_USAGE = `Usage: pnpm remedy login --client-id ID [--client-secret S] [--port N] [--no-browser] [--creds PATH]
       pnpm remedy whoami [--creds PATH]
       pnpm remedy logout [--creds PATH]

login   logs you in to TIDAL in the browser (authorization code flow with PKCE) and writes the credentials
        file (mode 0600) to --creds or $XDG_CONFIG_HOME/tidal-remedy/tidal-creds.json, which the CLI reads
        when no other credentials are set. Register http://127.0.0.1:<port>/callback (default port
        ${DEFAULT_LOGIN_PORT}) as a redirect URI of your app on TIDAL's developer portal first.
        --client-secret lets the tool read the catalog (TIDAL refuses its track reads to user tokens).
        --no-browser: print the link only; paste the address the browser ends on if it cannot reach this
        machine's port.
whoami  the account, its country, the token's scopes and expiry, and what a write mode still needs.
logout  deletes the credentials file.`;

export type AccountCommand =
  | { action: 'help' }
  | {
      action: 'login';
      clientId: string;
      clientSecret: string | null;
      port: number;
      browser: boolean;
      creds: string;
    }
  | { action: 'whoami'; creds: string | undefined }
  | { action: 'logout'; creds: string };

/** Reads `login`, `whoami` or `logout` and their options (argv without the command word). */
export function parseAccountArgs(action: 'login' | 'whoami' | 'logout', argv: string[]): AccountCommand {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        creds: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...(action === 'login'
          ? {
              'client-id': { type: 'string' },
              'client-secret': { type: 'string' },
              port: { type: 'string' },
              'no-browser': { type: 'boolean' },
            }
          : {}),
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { action: 'help' };
  if (positionals.length > 0)
    throw new UsageError(`${action} takes no arguments, only options: "${positionals[0]}".`);
  const creds = typeof values.creds === 'string' ? values.creds : undefined;
  if (action === 'whoami') return { action, creds };
  if (action === 'logout') return { action, creds: creds ?? defaultCredsPath() };
  const clientId = values['client-id'];
  if (typeof clientId !== 'string' || clientId === '') {
    throw new UsageError('login needs --client-id: the client id of your app on TIDAL’s developer portal.');
  }
  const portText = typeof values.port === 'string' ? values.port : String(DEFAULT_LOGIN_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a port number from 1 to 65535, not "${portText}".`);
  }
  return {
    action,
    clientId,
    clientSecret: typeof values['client-secret'] === 'string' ? values['client-secret'] : null,
    port,
    browser: values['no-browser'] !== true,
    creds: creds ?? defaultCredsPath(),
  };
}

/** A login or account command that failed in a way the person can fix; nothing was written. */
export class AccountCommandError extends Error {
  override readonly name = 'AccountCommandError';
}

export interface AccountIo {
  out: (text: string) => void;
  /** Where a pasted redirect address may come from (null: only the loopback callback). */
  input: Readable | null;
  openBrowser?: (url: string) => void;
  /** How long a login waits for TIDAL's redirect; default 10 minutes. */
  loginTimeoutMs?: number;
}

/** Runs one account command; resolves with what to print. */
export async function accountCommand(
  command: Exclude<AccountCommand, { action: 'help' }>,
  config: CliConfig,
  logger: Logger,
  io: AccountIo,
): Promise<void> {
  try {
    if (command.action === 'login') return await login(command, config, io);
    if (command.action === 'whoami') return await whoami(command.creds, config, logger, io);
    const existed = await stat(command.creds).then(
      (found) => found.isFile(),
      () => false,
    );
    if (!existed) {
      io.out(`No credentials file at ${command.creds}: nothing to delete.\n`);
      return;
    }
    await rm(command.creds);
    io.out(
      `Deleted ${command.creds}. Any secret you made from it (compose, Kubernetes) still holds the tokens: delete it too.\n`,
    );
  } catch (error) {
    if (error instanceof LoginError || error instanceof CredsFileError)
      throw new AccountCommandError(error.message);
    throw error;
  }
}

async function login(
  command: Extract<AccountCommand, { action: 'login' }>,
  config: CliConfig,
  io: AccountIo,
) {
  await ensureWritable(command.creds);
  const redirectUri = `http://127.0.0.1:${command.port}/callback`;
  const pkce = createPkce();
  const url = authorizeUrl({
    loginUrl: config.TIDAL_LOGIN_URL,
    clientId: command.clientId,
    redirectUri,
    pkce,
  });

  let answered: (redirect: string) => void = () => {};
  const redirected = new Promise<string>((resolve) => {
    answered = resolve;
  });
  const server = createServer((req, res) => {
    const here = new URL(req.url ?? '/', redirectUri);
    if (here.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    let problem: string | null = null;
    try {
      codeFromRedirect(here, pkce.state);
    } catch (error) {
      problem = (error as Error).message;
    }
    res.writeHead(problem ? 400 : 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(
      problem
        ? `Login failed: ${problem}\n`
        : 'Logged in to TIDAL: you may close this tab and go back to the terminal.\n',
    );
    answered(here.toString());
  });
  await listen(server, command.port);
  const lines = io.input ? createInterface({ input: io.input }) : null;
  try {
    lines?.on('line', (line) => {
      if (line.trim()) answered(line.trim());
    });
    io.out(
      `Open this link, log in to TIDAL and allow access:\n\n  ${url}\n\nWaiting for TIDAL to send the browser back to ${redirectUri} ` +
        '(or paste here the whole address the browser ended on, then Enter).\n',
    );
    if (command.browser) (io.openBrowser ?? openBrowser)(url);
    const timeoutMs = io.loginTimeoutMs ?? 10 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AccountCommandError(
              `No answer from TIDAL within ${Math.round(timeoutMs / 1000)} s; nothing was written. If TIDAL showed an error about the redirect URI (11102), register ${redirectUri} as a redirect URI of your app on TIDAL's developer portal (or use the --port of one you registered), then log in again.`,
            ),
          ),
        timeoutMs,
      );
    });
    const code = codeFromRedirect(
      await Promise.race([redirected, timedOut]).finally(() => clearTimeout(timer)),
      pkce.state,
    );
    const tokens = await exchangeCode({
      authUrl: config.TIDAL_AUTH_URL,
      clientId: command.clientId,
      clientSecret: command.clientSecret,
      code,
      verifier: pkce.verifier,
      redirectUri,
    });
    const document = {
      client_id: command.clientId,
      ...(command.clientSecret ? { client_secret: command.clientSecret } : {}),
      access_token: tokens.accessToken,
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      expires_at: Math.floor(tokens.expiresAt / 1000),
      scope: tokens.scopes.join(' '),
      ...(tokens.userId ? { user_id: tokens.userId } : {}),
      token_type: 'Bearer',
    };
    writeCredsFile(command.creds, document);
    const user = await accountOf(config, parseTidalCredentials(document), command.creds);
    io.out(
      `\nLogged in${user ? ` as ${user.username} (country ${user.countryCode})` : ''}; credentials written to ${command.creds} (mode 0600).\n` +
        `${command.clientSecret ? '' : 'No --client-secret: TIDAL refuses catalog reads (GET /tracks) to user tokens, so remedies need it; log in again with it.\n'}` +
        `${canWritePlaylists(tokens.scopes) ? '' : 'The token lacks playlists.write: only --mode dry-run will work.\n'}` +
        '\nCheck it: pnpm remedy whoami. To give the services this account:\n' +
        `  compose:     TIDAL_CREDS_FILE=${command.creds} docker compose up   (the tidal-creds secret; point TIDAL_API_URL/TIDAL_AUTH_URL at TIDAL)\n` +
        `  Kubernetes:  kubectl create secret generic tidal-creds --from-file=json=${command.creds}\n`,
    );
  } finally {
    lines?.close();
    io.input?.pause();
    server.closeAllConnections();
    server.close();
  }
}

async function listen(server: Server, port: number): Promise<void> {
  server.listen(port, '127.0.0.1');
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error)),
    ]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new AccountCommandError(
        `Port ${port} on 127.0.0.1 is in use. Pick a free one with --port N, and register http://127.0.0.1:N/callback as a redirect URI of your TIDAL app.`,
      );
    }
    throw new AccountCommandError(
      `Cannot listen on 127.0.0.1:${port} for TIDAL's redirect (${code ?? (error as Error).message}).`,
    );
  }
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The link is printed: the person opens it.
  }
}

/** The account the credentials act for, or null when TIDAL will not say (no user.read). */
async function accountOf(
  config: CliConfig,
  credentials: ReturnType<typeof parseTidalCredentials>,
  file: string | null,
): Promise<TidalUser | null> {
  const client = clientFor(config, credentials, file);
  try {
    return await client.getMe();
  } catch {
    return null;
  }
}

function clientFor(
  config: CliConfig,
  credentials: ReturnType<typeof parseTidalCredentials>,
  file: string | null,
) {
  return new TidalClient({
    apiUrl: config.TIDAL_API_URL,
    authUrl: config.TIDAL_AUTH_URL,
    credentials,
    timeoutMs: config.TIDAL_TIMEOUT_MS,
    ...(file ? { onTokenRenewed: (token) => writeBackRenewed(file, token) } : {}),
  });
}

async function whoami(creds: string | undefined, config: CliConfig, logger: Logger, io: AccountIo) {
  const { credentials, file } = await resolveCliCredentials(creds, config, logger);
  const client = clientFor(config, credentials, file);
  const { userToken, scopes } = await client.tokenInfo();
  const user = userToken ? await client.getMe().catch((error: Error) => error) : null;
  const lines: string[] = [];
  if (user instanceof Error) lines.push(`Account:  unknown (${user.message})`);
  else if (user)
    lines.push(
      `Account:  ${user.username} (user ${user.id})`,
      `Country:  ${user.countryCode} (the default country of remedies)`,
    );
  else lines.push('Account:  none: these are app credentials (client id and secret), not a user’s');
  lines.push(
    `Scopes:   ${scopes === null ? 'unknown (the credentials do not say)' : scopes.join(' ') || '(none)'}`,
  );
  const expiresAt = credentials.expiresAt;
  lines.push(
    `Token:    ${credentials.refreshToken ? 'renewable (refresh token)' : 'not renewable (no refresh token)'}${expiresAt ? `; the access token in the file expires ${new Date(expiresAt).toISOString()}` : ''}`,
  );
  lines.push(`From:     ${file ?? 'the tidal-creds secret (environment or mounted file)'}`);
  const missing = writeModeProblem(userToken, scopes);
  lines.push(missing ? `Writes:   ${missing}` : 'Writes:   --mode new and in-place can publish');
  io.out(`${lines.join('\n')}\n`);
}

/** Why a write mode (new, in-place) would fail with these credentials, or null when nothing is missing. */
export function writeModeProblem(userToken: boolean, scopes: readonly string[] | null): string | null {
  if (!userToken) {
    return 'these are app credentials, not a user’s: TIDAL lets only a user token write playlists. Run `pnpm remedy login --client-id <id> --client-secret <secret>`, or use --mode dry-run.';
  }
  if (scopes !== null && !canWritePlaylists(scopes)) {
    return `the token lacks the playlists.write scope (it has: ${scopes.join(' ') || 'none'}). Log in again with \`pnpm remedy login\` and allow playlist access (the app must be granted playlists.write on TIDAL's developer portal), or use --mode dry-run.`;
  }
  return null;
}
