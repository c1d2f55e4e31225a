import { createHash } from 'node:crypto';
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

/** What `/authorize` approved: the code's grant, redeemed once by the authorization_code grant. */
export interface ApprovedAuthorization {
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: readonly string[];
  codeChallenge: string;
}

/** A refresh token the emulator issued (not seeded): rotated on every use. */
interface IssuedRefreshToken {
  clientId: string;
  userId: string;
  scopes: readonly string[];
}

/** How long an authorization code may be redeemed (TIDAL's is not documented; OAuth advises minutes). */
const CODE_LIFETIME_MS = 5 * 60_000;

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
  private readonly codes = new Map<string, ApprovedAuthorization & { expiresAt: number }>();
  private readonly refreshTokens = new Map<string, IssuedRefreshToken>();

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
      case 'authorization_code':
        return this.redeemCode(client.clientId, form);
      case 'refresh_token': {
        const refreshToken = form.refresh_token;
        const issued = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
        if (refreshToken !== undefined && issued?.clientId === client.clientId) {
          // Rotation: an issued refresh token is good for one renewal; the answer carries its successor.
          this.refreshTokens.delete(refreshToken);
          return this.issueForUser(issued.clientId, issued.userId, issued.scopes);
        }
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

  /** The scopes a client's users may grant it: its seeded ones, else those TIDAL grants third-party apps. */
  allowedScopes(clientId: string): readonly string[] {
    return this.catalog.client(clientId)?.scopes ?? THIRD_PARTY_USER_SCOPES;
  }

  /** Records an approved authorization and answers the code the redirect carries. */
  issueCode(approved: ApprovedAuthorization): string {
    const code = `emu-code-${randomHex(this.prng, 32)}`;
    this.codes.set(code, { ...approved, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  private redeemCode(clientId: string, form: Record<string, string>): TokenGrantResult {
    const code = form.code === undefined ? undefined : this.codes.get(form.code);
    if (form.code !== undefined) this.codes.delete(form.code);
    if (!code || code.clientId !== clientId || code.expiresAt <= this.now()) {
      return oauthError(
        400,
        'invalid_grant',
        11101,
        'Authorization code is invalid, expired or already used',
      );
    }
    if (form.redirect_uri !== code.redirectUri) {
      return oauthError(400, 'invalid_grant', 11102, 'redirect_uri does not match the one authorized');
    }
    const verifier = form.code_verifier ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
      return oauthError(
        400,
        'invalid_request',
        1002,
        'code_verifier missing or malformed (43-128 characters)',
      );
    }
    if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) {
      return oauthError(400, 'invalid_grant', 11101, 'code_verifier does not match the code_challenge');
    }
    return this.issueForUser(code.clientId, code.userId, code.scopes);
  }

  private issueForUser(clientId: string, userId: string, scopes: readonly string[]): TokenGrantResult {
    const user = this.catalog.user(userId);
    const result = this.issue({
      clientId,
      userId,
      countryCode: user?.countryCode ?? null,
      scopes: new Set(scopes),
    });
    if (result.status === 200) {
      const refreshToken = `emu-refresh-${randomHex(this.prng, 40)}`;
      this.refreshTokens.set(refreshToken, { clientId, userId, scopes });
      result.body.refresh_token = refreshToken;
    }
    return result;
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
