import type { StoredToken, TokenLock, TokenStore } from './token-store.js';

/** A TokenStore for one process (the CLI, tests). */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<StoredToken | null> {
    return this.tokens.get(key) ?? null;
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, { ...token });
  }

  async tryLock(key: string, ttlMs: number): Promise<TokenLock | null> {
    const heldUntil = this.locks.get(key);
    if (heldUntil !== undefined && heldUntil > this.now()) return null;
    const until = this.now() + ttlMs;
    this.locks.set(key, until);
    return {
      release: async () => {
        if (this.locks.get(key) === until) this.locks.delete(key);
      },
    };
  }
}
