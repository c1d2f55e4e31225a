import { createHash, randomBytes } from 'node:crypto';
import { redactSecrets, TidalError } from './errors.js';
import { TokenErrorSchema, TokenResponseSchema } from './token-provider.js';

/** TIDAL's login page for third-party apps (authorization code flow with PKCE). */
export const DEFAULT_LOGIN_URL = 'https://login.tidal.com/authorize';

/**
 * The scopes tidal-remedy asks a user for: read and write their playlists, read their account (its
 * country), search the catalog. No collection scopes: it never touches favourites.
 */
export const LOGIN_SCOPES = ['playlists.read', 'playlists.write', 'user.read', 'search.read'] as const;

/** The scope a playlist write needs on a user token (or TIDAL's internal w_usr). */
export const WRITE_SCOPES = ['playlists.write', 'w_usr'] as const;

/** A login went wrong before any credentials were written: wrong state, a refusal, a bad code. */
export class LoginError extends TidalError {
  override readonly retryable = false;
}

/** One login attempt's secrets: the PKCE verifier, its S256 challenge, and the anti-forgery state. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  state: string;
}

/** A fresh verifier (43 base64url characters, RFC 7636's minimum length of its 256 bits), challenge and state. */
export function createPkce(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(16).toString('base64url'),
  };
}

export interface AuthorizeUrlOptions {
  /** TIDAL_LOGIN_URL; default https://login.tidal.com/authorize. */
  loginUrl?: string;
  clientId: string;
  redirectUri: string;
  scopes?: readonly string[];
  pkce: PkcePair;
}

/** Where to send the user to log in and consent. */
export function authorizeUrl(options: AuthorizeUrlOptions): string {
  const url = new URL(options.loginUrl ?? DEFAULT_LOGIN_URL);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', (options.scopes ?? LOGIN_SCOPES).join(' '));
  url.searchParams.set('code_challenge', options.pkce.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', options.pkce.state);
  return url.toString();
}

/**
 * The code from the URL TIDAL redirected the browser to; a LoginError when the state is not this login's
 * (a forged or stale redirect), when the user refused, or when TIDAL sent an error instead.
 */
export function codeFromRedirect(redirect: string | URL, expectedState: string): string {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new LoginError('That is not a URL: paste the whole address the browser was sent to.', null);
  }
  const { searchParams } = url;
  if (searchParams.get('state') !== expectedState) {
    throw new LoginError(
      'The redirect’s state does not match this login (a stale or forged redirect): run the login again and use the newest link.',
      null,
    );
  }
  const error = searchParams.get('error');
  if (error === 'access_denied') {
    throw new LoginError('You did not allow access on TIDAL’s consent page: nothing was written.', null);
  }
  if (error) {
    const description = searchParams.get('error_description');
    throw new LoginError(`TIDAL refused the login: ${error}${description ? ` (${description})` : ''}.`, null);
  }
  const code = searchParams.get('code');
  if (!code) throw new LoginError('The redirect carries no code: run the login again.', null);
  return code;
}

/** What a login yields: a user token, its refresh token and what it may do. */
export interface LoginTokens {
  accessToken: string;
  refreshToken: string | null;
  /** ms since the epoch. */
  expiresAt: number;
  scopes: string[];
  userId: string | null;
}

export interface ExchangeCodeOptions {
  /** TIDAL_AUTH_URL; default https://auth.tidal.com/v1/oauth2/token. */
  authUrl: string;
  clientId: string;
  clientSecret?: string | null;
  code: string;
  verifier: string;
  redirectUri: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Exchanges the redirect's code at the token endpoint (authorization_code grant with the PKCE verifier). */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<LoginTokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: options.code,
    code_verifier: options.verifier,
    redirect_uri: options.redirectUri,
    client_id: options.clientId,
  });
  if (options.clientSecret) form.set('client_secret', options.clientSecret);
  const secrets = [options.code, options.verifier, options.clientSecret];
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(options.authUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new LoginError(
      `Could not reach TIDAL’s token endpoint (${options.authUrl}): ${(error as Error).message}`,
      'POST /oauth2/token',
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status !== 200) {
    const error = TokenErrorSchema.safeParse(json);
    const what = error.success
      ? [error.data.error, error.data.sub_status, error.data.error_description].filter(Boolean).join(' ')
      : `status ${response.status}`;
    throw new LoginError(
      `TIDAL refused the login code (${redactSecrets(what, secrets)}). Run the login again; check that the client id, secret and redirect URI are the app's on TIDAL's developer portal.`,
      'POST /oauth2/token',
    );
  }
  const parsed = TokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new LoginError(
      'TIDAL’s token endpoint answered something that is not a token.',
      'POST /oauth2/token',
    );
  }
  const now = (options.now ?? Date.now)();
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresAt: now + parsed.data.expires_in * 1000,
    scopes: parsed.data.scope?.split(/\s+/).filter(Boolean) ?? [],
    userId: parsed.data.user_id === undefined ? null : String(parsed.data.user_id),
  };
}

/** Whether scopes allow playlist writes. */
export function canWritePlaylists(scopes: readonly string[]): boolean {
  return scopes.some((scope) => (WRITE_SCOPES as readonly string[]).includes(scope));
}

/**
 * Why credentials cannot publish a playlist, or null when nothing is known to be missing: TIDAL lets only a
 * user token write, and only with playlists.write. `scopes` null (the credentials do not say) passes.
 */
export function writeAccessProblem(info: {
  userToken: boolean;
  scopes: readonly string[] | null;
}): string | null {
  if (!info.userToken) {
    return 'the TIDAL credentials are an app’s (client id and secret), not a user’s, and TIDAL lets only a user token write playlists';
  }
  if (info.scopes !== null && !canWritePlaylists(info.scopes)) {
    return `the TIDAL token lacks the playlists.write scope (it has: ${info.scopes.join(' ') || 'none'})`;
  }
  return null;
}

/** A write mode with credentials that cannot publish: found before the first read, never retried. */
export class WriteAccessError extends TidalError {
  override readonly retryable = false;

  constructor(mode: string, problem: string) {
    super(
      `Mode ${mode} cannot publish: ${problem}. Log in as the playlist's owner with \`pnpm remedy login\` and allow playlist access (CLI), or put such credentials in the tidal-creds secret (services); or run a dry-run, which writes nothing.`,
      null,
    );
  }
}
