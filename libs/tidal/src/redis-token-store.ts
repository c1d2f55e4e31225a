import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { type StoredToken, StoredTokenSchema, type TokenLock, type TokenStore } from './token-store.js';

/** Deletes the lock only if it still holds our nonce, so a late release never frees someone else's lock. */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisTokenStoreOptions {
  /** Prefix of every key; carries the project's hash tag so it works on Redis Cluster. */
  prefix?: string;
  now?: () => number;
  /** Told when a stored token is unreadable (it is then treated as absent and overwritten). */
  onCorruptEntry?: (key: string) => void;
}

/**
 * A TokenStore in Redis shared by every replica: `<prefix>:tidal:token:<key>` holds the token (expiring
 * with it), `<prefix>:tidal:token-lock:<key>` is a short `SET NX PX` lock so only one replica refreshes.
 */
export class RedisTokenStore implements TokenStore {
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly options: RedisTokenStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '{tidal-remedy}';
    this.now = options.now ?? Date.now;
  }

  tokenKey(key: string): string {
    return `${this.prefix}:tidal:token:${key}`;
  }

  lockKey(key: string): string {
    return `${this.prefix}:tidal:token-lock:${key}`;
  }

  async get(key: string): Promise<StoredToken | null> {
    const raw = await this.redis.get(this.tokenKey(key));
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      this.options.onCorruptEntry?.(this.tokenKey(key));
      return null;
    }
    const parsed = StoredTokenSchema.safeParse(json);
    if (!parsed.success) {
      this.options.onCorruptEntry?.(this.tokenKey(key));
      return null;
    }
    return parsed.data;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const value = JSON.stringify(token);
    if (token.expiresAt === null) {
      await this.redis.set(this.tokenKey(key), value);
    } else {
      await this.redis.set(this.tokenKey(key), value, 'PX', Math.max(1000, token.expiresAt - this.now()));
    }
  }

  async tryLock(key: string, ttlMs: number): Promise<TokenLock | null> {
    const nonce = randomUUID();
    const lockKey = this.lockKey(key);
    const taken = await this.redis.set(lockKey, nonce, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return null;
    return {
      release: async () => {
        await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, nonce);
      },
    };
  }
}
