import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { sameSecret } from './auth.js';
import { HttpError } from './http-error.js';

/**
 * Guards the pages' forms against cross-site request forgery, on top of the session cookie being
 * SameSite=Strict: a form post must come from this site (its `Origin`, or `Sec-Fetch-Site`, when the
 * client sends them, as browsers do) and carry the token the page put in the form. A token is an HMAC of
 * what the form does (`publish <remedy> <run>`, `submit`) under a key derived from the API token, so it
 * is the same on every replica and cannot be made without the secret; with auth off, the key is random
 * per process.
 */
export class FormGuard {
  private readonly key: Buffer;
  private readonly publicOrigin: string | null;

  constructor(authToken: string | null, publicUrl: string | null) {
    this.key =
      authToken === null
        ? randomBytes(32)
        : createHmac('sha256', authToken).update('tidal-remedy form token v1').digest();
    this.publicOrigin = publicUrl === null ? null : new URL(publicUrl).origin;
  }

  /** The token a page puts in a form that does `purpose`. */
  token(purpose: string): string {
    return createHmac('sha256', this.key).update(purpose).digest('base64url');
  }

  /** Throws a 403 unless the post comes from this site and carries the token for `purpose`. */
  check(request: Request, purpose: string, given: unknown): void {
    const origin = request.get('origin');
    const site = request.get('sec-fetch-site');
    const ownOrigin = `${request.protocol}://${request.get('host') ?? ''}`;
    if (origin !== undefined && origin !== ownOrigin && origin !== this.publicOrigin) {
      throw forbidden(`The form was posted from another site (${origin.slice(0, 100)}).`);
    }
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw forbidden('The form was posted from another site.');
    }
    if (typeof given !== 'string' || !sameSecret(given, this.token(purpose))) {
      throw forbidden('The form has no valid anti-forgery token.');
    }
  }
}

function forbidden(reason: string): HttpError {
  return new HttpError(
    403,
    'forbidden',
    `${reason} Reload the page and submit its form again; forms are accepted only from this site's own pages.`,
  );
}
