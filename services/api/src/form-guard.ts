import { createHmac, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { type AuthBy, sameSecret } from './auth.js';
import { HttpError } from './http-error.js';

/** What a JSON API write authorized by the session cookie does, for its anti-forgery token. */
export const API_PURPOSE = 'api';
/** The header that carries that token. */
export const API_TOKEN_HEADER = 'x-csrf-token';

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
    const reason = this.problem(request, purpose, given);
    if (reason !== null) throw forbidden(reason);
  }

  /**
   * For the JSON API: a write that only the session cookie authorizes must pass the forms' checks (this
   * site's Origin, and the token for `api` in the `X-CSRF-Token` header); one with the bearer token need not.
   */
  requireForApi(): RequestHandler {
    return (request, response, next) => {
      const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
      if (safe || (response.locals.authBy as AuthBy | undefined) !== 'session') {
        next();
        return;
      }
      const reason = this.problem(request, API_PURPOSE, request.get(API_TOKEN_HEADER));
      next(
        reason === null
          ? undefined
          : new HttpError(
              403,
              'forbidden',
              `${reason} The session cookie a page link sets lets a browser read the JSON API, not write to it: send "Authorization: Bearer <token>" (the secret remedy-api/token), or use the page's own forms.`,
            ),
      );
    };
  }

  private problem(request: Request, purpose: string, given: unknown): string | null {
    const origin = request.get('origin');
    const site = request.get('sec-fetch-site');
    // With TRUST_PROXY, express reads the protocol and host from the proxy's X-Forwarded-Proto/-Host.
    const ownOrigin = `${request.protocol}://${request.host ?? ''}`;
    if (origin !== undefined && origin !== ownOrigin && origin !== this.publicOrigin) {
      return `The form was posted from another site (${origin.slice(0, 100)}).`;
    }
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      return 'The form was posted from another site.';
    }
    if (typeof given !== 'string' || !sameSecret(given, this.token(purpose))) {
      return 'The form has no valid anti-forgery token.';
    }
    return null;
  }
}

function forbidden(reason: string): HttpError {
  return new HttpError(
    403,
    'forbidden',
    `${reason} Reload the page and submit its form again; forms are accepted only from this site's own pages.`,
  );
}
