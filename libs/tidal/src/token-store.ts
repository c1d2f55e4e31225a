import { z } from 'zod';

/** An access token as the client keeps it; shared through a TokenStore between replicas. */
export const StoredTokenSchema = z.object({
  accessToken: z.string().min(1),
  /** ms since the epoch; null when unknown (the token is used until TIDAL answers 401). */
  expiresAt: z.number().nullable(),
  /**
   * ms since the epoch: when to renew it. Set for a token the client obtained, whose lifetime it knows;
   * absent, renewal comes the refresh skew before `expiresAt`.
   */
  refreshAt: z.number().optional(),
  /** The refresh token to renew with; TIDAL may hand out a new one on refresh. */
  refreshToken: z.string().nullable(),
  /** The scopes TIDAL granted the token, when it said. */
  scopes: z.array(z.string()).optional(),
});
export type StoredToken = z.infer<typeof StoredTokenSchema>;

export interface TokenLock {
  release(): Promise<void>;
}

/**
 * Where access tokens live between requests. With a shared store (Redis), replicas use one token and only
 * the lock holder asks TIDAL for a new one, so a fleet does not stampede the token endpoint.
 * `key` identifies the credentials (a digest, never a secret).
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | null>;
  set(key: string, token: StoredToken): Promise<void>;
  /** Takes the refresh lock for `key` for at most `ttlMs`; null when someone else holds it. */
  tryLock(key: string, ttlMs: number): Promise<TokenLock | null>;
}
