import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TidalCredentials } from './credentials.js';
import {
  CredentialsRejectedError,
  RateLimitedError,
  redactSecrets,
  TidalResponseError,
  TidalServerError,
  TokenRefreshTimeoutError,
} from './errors.js';
import type { HttpTransport } from './http-transport.js';
import type { StoredToken, TokenStore } from './token-store.js';
import { formatPath } from './zod-path.js';

export const TOKEN_ENDPOINT = 'POST /oauth2/token';

/** TIDAL's token response (`auth.tidal.com/v1/oauth2/token`), to every grant: refresh, client credentials, code. */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  user_id: z.union([z.number(), z.string()]).optional(),
});

/** TIDAL's OAuth error body: `{ status, error, sub_status, error_description }`. */
export const TokenErrorSchema = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
  sub_status: z.union([z.number(), z.string()]).optional(),
});

export interface TokenProviderOptions {
  credentials: TidalCredentials;
  authUrl: string;
  store: TokenStore;
  transport: HttpTransport;
  /** Renew this long before the token's expiry. */
  refreshSkewMs: number;
  /** How long one replica may hold the refresh lock. */
  lockTtlMs: number;
  /** How long to wait for another replica's refresh before giving up. */
  lockWaitMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onRefresh?: (info: { grant: 'refresh_token' | 'client_credentials'; expiresInMs: number }) => void;
  /** Sees each token this provider obtained from TIDAL (the CLI writes the newest refresh token back). */
  onRenewed?: (token: StoredToken) => void;
}

/**
 * Hands out a valid access token: the stored one while it is fresh, else a renewed one. Renewal happens
 * once per process at a time (concurrent callers share it) and once per fleet when the store is shared
 * (the lock holder asks TIDAL; the others wait for the token it stores).
 */
export class TokenProvider {
  /** Identifies the credentials in the store: a digest, never the secret itself. */
  readonly storeKey: string;
  private current: StoredToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly options: TokenProviderOptions) {
    const { clientId, refreshToken, accessToken } = options.credentials;
    this.storeKey = createHash('sha256')
      .update(`${clientId ?? ''}\n${refreshToken ?? accessToken ?? ''}`)
      .digest('hex')
      .slice(0, 32);
  }

  /** A token to send; `rejected` is one TIDAL just refused with 401, which is then never handed out again. */
  async accessToken(rejected?: string): Promise<string> {
    const current = this.current;
    if (current && this.usable(current, rejected)) return current.accessToken;
    if (!this.pending) {
      this.pending = this.obtain(rejected).finally(() => {
        this.pending = null;
      });
    }
    const token = await this.pending;
    // A renewal that started before `rejected` was known may hand it back; then renew once more.
    return token === rejected ? this.accessToken(rejected) : token;
  }

  /**
   * The scopes of the token in use (obtaining one first): what TIDAL's token response said, else what the
   * credentials say; null when neither tells.
   */
  async scopes(): Promise<string[] | null> {
    await this.accessToken();
    return this.current?.scopes ?? this.options.credentials.scopes ?? null;
  }

  /** Secrets that must never appear in a message, for redaction of server-provided text. */
  secrets(): (string | null)[] {
    const { credentials } = this.options;
    return [
      credentials.accessToken,
      credentials.refreshToken,
      credentials.clientSecret,
      this.current?.accessToken ?? null,
      this.current?.refreshToken ?? null,
    ];
  }

  private usable(token: StoredToken, rejected: string | undefined): boolean {
    if (token.accessToken === rejected) return false;
    if (token.expiresAt === null) return true;
    return (token.refreshAt ?? token.expiresAt - this.options.refreshSkewMs) > this.options.now();
  }

  private async obtain(rejected: string | undefined): Promise<string> {
    const { store, credentials, now } = this.options;
    const deadline = now() + this.options.lockWaitMs;
    for (;;) {
      const stored = await store.get(this.storeKey);
      if (stored && this.usable(stored, rejected)) return this.adopt(stored);
      if (!stored && credentials.accessToken !== null) {
        const given: StoredToken = {
          accessToken: credentials.accessToken,
          expiresAt: credentials.expiresAt,
          refreshToken: credentials.refreshToken,
        };
        if (this.usable(given, rejected)) {
          await store.set(this.storeKey, given);
          return this.adopt(given);
        }
      }
      const lock = await store.tryLock(this.storeKey, this.options.lockTtlMs);
      if (lock) {
        try {
          // Another replica may have stored a fresh token between our read and our lock.
          const latest = await store.get(this.storeKey);
          if (latest && this.usable(latest, rejected)) return this.adopt(latest);
          const fresh = await this.requestToken(latest?.refreshToken ?? credentials.refreshToken);
          await store.set(this.storeKey, fresh);
          this.options.onRenewed?.(fresh);
          return this.adopt(fresh);
        } finally {
          await lock.release();
        }
      }
      if (now() >= deadline) throw new TokenRefreshTimeoutError(this.options.lockWaitMs);
      await this.options.sleep(50);
    }
  }

  private adopt(token: StoredToken): string {
    this.current = token;
    return token.accessToken;
  }

  private async requestToken(refreshToken: string | null): Promise<StoredToken> {
    const { clientId, clientSecret } = this.options.credentials;
    let grant: 'refresh_token' | 'client_credentials';
    const form = new URLSearchParams();
    if (clientId !== null && refreshToken !== null) {
      grant = 'refresh_token';
      form.set('grant_type', grant);
      form.set('refresh_token', refreshToken);
    } else if (clientId !== null && clientSecret !== null) {
      grant = 'client_credentials';
      form.set('grant_type', grant);
    } else {
      throw new CredentialsRejectedError(
        'the access token has expired or was refused, and the credentials hold no client_id with a refresh_token or client_secret to renew it',
      );
    }
    form.set('client_id', clientId);
    if (clientSecret !== null) form.set('client_secret', clientSecret);

    const response = await this.options.transport.send({
      method: 'POST',
      url: this.options.authUrl,
      endpoint: TOKEN_ENDPOINT,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
      idempotent: true,
    });
    const secrets = [...this.secrets(), refreshToken];
    if (response.status === 429) throw new RateLimitedError(TOKEN_ENDPOINT, response.retryAfterMs ?? 1000);
    if (response.status >= 500) {
      throw new TidalServerError(
        response.status,
        TOKEN_ENDPOINT,
        [],
        'TIDAL’s login service is failing; try again later.',
      );
    }
    const json = parseJson(response.text);
    if (response.status !== 200) {
      const error = TokenErrorSchema.safeParse(json);
      const what = error.success
        ? [error.data.error, error.data.error_description].filter(Boolean).join(': ')
        : `status ${response.status}`;
      throw new CredentialsRejectedError(
        `TIDAL's token endpoint refused the ${grant} grant (${redactSecrets(what || `status ${response.status}`, secrets)})`,
      );
    }
    const parsed = TokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new TidalResponseError(
        TOKEN_ENDPOINT,
        parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      );
    }
    const expiresInMs = parsed.data.expires_in * 1000;
    this.options.onRefresh?.({ grant, expiresInMs });
    const now = this.options.now();
    return {
      accessToken: parsed.data.access_token,
      expiresAt: now + expiresInMs,
      // A token shorter-lived than the skew would be stale at once and renewed before every request:
      // renew it at half its life at the latest.
      refreshAt: now + expiresInMs - Math.min(this.options.refreshSkewMs, expiresInMs / 2),
      refreshToken: parsed.data.refresh_token ?? refreshToken,
      ...(parsed.data.scope === undefined ? {} : { scopes: parsed.data.scope.split(/\s+/).filter(Boolean) }),
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
