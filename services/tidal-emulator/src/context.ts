import type { Catalog } from './catalog.js';
import { CompoundDocument, type DocumentBuilder } from './documents.js';
import type { FaultInjector } from './faults.js';
import type { IdempotencyStore } from './idempotency.js';
import type { PlaylistStore } from './playlist-store.js';
import type { Prng } from './prng.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestLog } from './request-log.js';
import type { TokenIssuer } from './token-issuer.js';

/** A structured logger (a pino logger fits). The emulator never logs a header, a body or a token. */
export interface EmulatorLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Everything the routes share; `playlists`, `ids` and `faultPrng` are replaced by a reset. */
export interface EmulatorContext {
  catalog: Catalog;
  documents: DocumentBuilder;
  playlists: PlaylistStore;
  tokens: TokenIssuer;
  rateLimiter: RateLimiter | null;
  faults: FaultInjector;
  idempotency: IdempotencyStore;
  log: RequestLog;
  /** Draws ids (playlist ids, item ids). */
  ids: Prng;
  /** Decides the random injected 500s. */
  faultPrng: Prng;
  errorRate: number;
  latencyMs: number;
  pageSize: number;
  maxFilterValues: number;
  now: () => number;
  /** Waits `ms`, unless the emulator closes first (then never resolves, so nothing answers late). */
  sleep: (ms: number) => Promise<void>;
  logger: EmulatorLogger | null;
}

/** A compound document over the emulator's catalog and playlists, for a request in `countryCode`. */
export function compound(ctx: EmulatorContext, countryCode: string | null): CompoundDocument {
  return new CompoundDocument(
    { catalog: ctx.catalog, documents: ctx.documents, playlist: (id) => ctx.playlists.get(id) },
    countryCode,
  );
}
