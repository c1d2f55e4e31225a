import type { Request } from 'express';
import { HttpError } from './http-error.js';

/** 1 to 255 visible ASCII characters: no spaces, no control characters, nothing a log could mangle. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key`, or undefined when it has none. A malformed key is a 400 rather than
 * being ignored: a client that sends one relies on it.
 */
export function idempotencyKeyOf(request: Request): string | undefined {
  const value = request.get('idempotency-key');
  if (value === undefined) return undefined;
  if (!KEY.test(value)) {
    throw new HttpError(
      400,
      'invalid_idempotency_key',
      'The Idempotency-Key header must be 1 to 255 visible ASCII characters (no spaces), such as a UUID.',
    );
  }
  return value;
}
