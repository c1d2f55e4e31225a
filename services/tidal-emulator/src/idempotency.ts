import { createHash } from 'node:crypto';
import { ApiError } from './api-error.js';

interface StoredResponse {
  payloadDigest: string;
  status: number;
  body: unknown;
}

/**
 * TIDAL's `Idempotency-Key` on writes: the same key with the same payload replays the first response; the
 * same key with another payload is a 422 IDEMPOTENT_REQUEST_PAYLOAD_MISMATCH. Keys are scoped to the
 * caller and the endpoint. This is what makes a retried write (after a timeout or a 5xx) safe.
 */
export class IdempotencyStore {
  private readonly responses = new Map<string, StoredResponse>();

  lookup(scope: string, key: string, payload: unknown): { status: number; body: unknown } | undefined {
    const stored = this.responses.get(`${scope}\n${key}`);
    if (!stored) return undefined;
    if (stored.payloadDigest !== digest(payload)) {
      throw new ApiError(
        422,
        'IDEMPOTENT_REQUEST_PAYLOAD_MISMATCH',
        'Idempotency key reused with a different payload',
        { header: 'Idempotency-Key' },
      );
    }
    return { status: stored.status, body: stored.body };
  }

  remember(scope: string, key: string, payload: unknown, status: number, body: unknown): void {
    this.responses.set(`${scope}\n${key}`, { payloadDigest: digest(payload), status, body });
  }

  clear(): void {
    this.responses.clear();
  }
}

function digest(payload: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(payload ?? null))
    .digest('hex');
}
