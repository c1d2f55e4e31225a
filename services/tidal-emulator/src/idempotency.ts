import { createHash } from 'node:crypto';
import { ApiError } from './api-error.js';

/** How long TIDAL replays a completed write: "within one hour" (the spec's Mutations). */
export const IDEMPOTENCY_REPLAY_MS = 60 * 60 * 1000;

type Entry =
  | { state: 'processing'; payloadDigest: string }
  | { state: 'done'; payloadDigest: string; status: number; body: unknown; doneAt: number };

/** A write under way with a key: complete it with its answer, or release the key if it failed. */
export interface IdempotencyClaim {
  complete(status: number, body: unknown): void;
  release(): void;
}

/**
 * TIDAL's `Idempotency-Key` on writes, as its spec words it: "Once the original request has completed,
 * retrying with the same key and payload within one hour replays its response; a retry while it is still
 * processing is rejected with 409, and the same key with a different payload with 422." Keys are scoped
 * to the caller and the endpoint. Only a successful answer is kept: a write that failed changed nothing, and
 * a retry runs it again. After the hour the key is forgotten and a retry runs as a new write.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** The answer to replay, or a claim on the key for a write about to run; throws the 409 or the 422. */
  begin(
    scope: string,
    key: string,
    payload: unknown,
  ): { replay: { status: number; body: unknown } } | { claim: IdempotencyClaim } {
    const id = `${scope}\n${key}`;
    const payloadDigest = digest(payload);
    let entry = this.entries.get(id);
    if (entry?.state === 'done' && this.now() - entry.doneAt > IDEMPOTENCY_REPLAY_MS) {
      this.entries.delete(id);
      entry = undefined;
    }
    if (entry && entry.payloadDigest !== payloadDigest) {
      throw new ApiError(
        422,
        'IDEMPOTENT_REQUEST_PAYLOAD_MISMATCH',
        'Idempotency key reused with a different payload',
        { header: 'Idempotency-Key' },
      );
    }
    if (entry?.state === 'processing') {
      throw new ApiError(
        409,
        'IDEMPOTENT_REQUEST_IN_PROGRESS',
        'Request already in progress for this idempotency key',
        { header: 'Idempotency-Key' },
      );
    }
    if (entry?.state === 'done') return { replay: { status: entry.status, body: entry.body } };
    this.entries.set(id, { state: 'processing', payloadDigest });
    return {
      claim: {
        complete: (status, body) =>
          this.entries.set(id, { state: 'done', payloadDigest, status, body, doneAt: this.now() }),
        release: () => this.entries.delete(id),
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }
}

function digest(payload: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(payload ?? null))
    .digest('hex');
}
