import type { Catalog } from './catalog.js';
import { type Prng, randomHex } from './prng.js';

/** Who a valid access token acts for. A catalog-only (client credentials) token has no user. */
export interface Principal {
  clientId: string;
  userId: string | null;
  countryCode: string | null;
  /** The OAuth scopes the token was granted (none for client credentials). */
  scopes: ReadonlySet<string>;
}

/** What TIDAL's token endpoint answers: a token response or an OAuth error, with the HTTP status. */
export type TokenGrantResult =
  | {
      status: 200;
      body: {
        access_token: string;
        token_type: 'Bearer';
        expires_in: number;
        scope: string;
        refresh_token?: string;
        user_id?: number;
      };
    }
  | {
      status: 400 | 401;
      body: { status: number; error: string; sub_status: number; error_description: string };
    };

interface IssuedToken {
  principal: Principal;
  expiresAt: number;
}

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; detail: string };

/** The scopes TIDAL grants a third-party app's user (its spec marks r_usr and w_usr INTERNAL). */
export const THIRD_PARTY_USER_SCOPES = [
  'playlists.read',
  'playlists.write',
  'collection.read',
  'search.read',
  'user.read',
] as const;

/**
 * The emulator's OAuth server (`POST /v1/oauth2/token`, form-encoded as TIDAL's): client_credentials for
 * a seeded client with a secret, refresh_token for a seeded refresh token of that client. Issued access
 * tokens expire after the configured lifetime and are checked on every API request.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly catalog: Catalog,
    private readonly prng: Prng,
    private readonly now: () => number,
    private readonly lifetimeSeconds: number,
  ) {}

  grant(
    form: Record<string, string>,
    basic: { clientId: string; clientSecret: string } | null,
  ): TokenGrantResult {
    const clientId = basic?.clientId ?? form.client_id;
    const clientSecret = basic?.clientSecret ?? form.client_secret;
    const client = clientId === undefined ? undefined : this.catalog.client(clientId);
    if (!client) return oauthError(401, 'invalid_client', 1002, 'Client not found or client_id missing');
    if (
      clientSecret !== undefined &&
      client.clientSecret !== undefined &&
      clientSecret !== client.clientSecret
    ) {
      return oauthError(401, 'invalid_client', 1003, 'Client authentication failed');
    }
    switch (form.grant_type) {
      case 'client_credentials': {
        if (client.clientSecret === undefined || clientSecret !== client.clientSecret) {
          return oauthError(401, 'invalid_client', 1003, 'Client authentication failed');
        }
        return this.issue({ clientId: client.clientId, userId: null, countryCode: null, scopes: new Set() });
      }
      case 'refresh_token': {
        const refreshToken = form.refresh_token;
        if (refreshToken === undefined || !client.refreshTokens.includes(refreshToken)) {
          return oauthError(400, 'invalid_grant', 11101, 'Refresh token is invalid, expired or revoked');
        }
        const user = client.userId === undefined ? undefined : this.catalog.user(client.userId);
        if (!user) return oauthError(400, 'invalid_grant', 11102, 'The refresh token has no user');
        return this.issue({
          clientId: client.clientId,
          userId: user.id,
          countryCode: user.countryCode,
          scopes: new Set(client.scopes ?? THIRD_PARTY_USER_SCOPES),
        });
      }
      default:
        return oauthError(400, 'unsupported_grant_type', 1100, 'Unsupported grant_type');
    }
  }

  check(authorization: string | undefined): TokenCheck {
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1])
      return { ok: false, detail: 'Missing or malformed Authorization header; expected Bearer token' };
    const issued = this.tokens.get(match[1]);
    if (!issued) return { ok: false, detail: 'Access token is not valid' };
    if (issued.expiresAt <= this.now()) return { ok: false, detail: 'Access token has expired' };
    return { ok: true, principal: issued.principal };
  }

  /** Invalidates every issued access token (tests use this to force the 401-then-refresh path). */
  expireAll(): void {
    this.tokens.clear();
  }

  private issue(principal: Principal): TokenGrantResult {
    const accessToken = `emu-${randomHex(this.prng, 40)}`;
    this.tokens.set(accessToken, { principal, expiresAt: this.now() + this.lifetimeSeconds * 1000 });
    const body: Extract<TokenGrantResult, { status: 200 }>['body'] = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      scope: [...principal.scopes].join(' '),
    };
    if (principal.userId !== null) body.user_id = Number(principal.userId);
    return { status: 200, body };
  }
}

function oauthError(
  status: 400 | 401,
  error: string,
  subStatus: number,
  description: string,
): TokenGrantResult {
  return { status, body: { status, error, sub_status: subStatus, error_description: description } };
}
