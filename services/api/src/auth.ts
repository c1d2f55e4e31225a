import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './http-error.js';

/** The cookie a browser gets after opening a report page with `?token=`; it never holds the token. */
export const SESSION_COOKIE = 'tr_session';
const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const HOW_TO =
  'Send the header "Authorization: Bearer <token>", where the token is the secret remedy-api/token the API ' +
  'was started with. In a browser, open a report page once as /remedies/<id>?token=<token>.';

/** Compares in constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(candidate: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

/** The session cookie's value: derived from the token, so the cookie does not reveal it. */
function sessionValue(token: string): string {
  return createHmac('sha256', token).update('tidal-remedy browser session v1').digest('base64url');
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.get('authorization') ?? '');
  return match?.[1] ?? null;
}

function cookieOf(request: Request, name: string): string | null {
  for (const pair of (request.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

function unauthorized(code: 'unauthorized' | 'invalid_token', message: string): HttpError {
  const challenge =
    code === 'invalid_token'
      ? 'Bearer realm="tidal-remedy", error="invalid_token"'
      : 'Bearer realm="tidal-remedy"';
  return new HttpError(401, code, `${message} ${HOW_TO}`, null, { 'WWW-Authenticate': challenge });
}

/** How requireAuth let a request through, in `response.locals.authBy`. */
export type AuthBy = 'bearer' | 'session' | 'open';

/**
 * Lets a request through with the right bearer token or session cookie; anything else is a 401 that
 * says how to authenticate. With no token (API_AUTH=false) everything passes. How it passed is left in
 * `response.locals.authBy`: a write that only the cookie authorizes needs the anti-forgery check too
 * (requireForgeryCheck).
 */
export function requireAuth(token: string | null): RequestHandler {
  if (token === null)
    return (_request, response, next) => {
      response.locals.authBy = 'open' satisfies AuthBy;
      next();
    };
  const session = sessionValue(token);
  return (request, response, next) => {
    const bearer = bearerOf(request);
    if (bearer !== null) {
      response.locals.authBy = 'bearer' satisfies AuthBy;
      next(
        sameSecret(bearer, token)
          ? undefined
          : unauthorized('invalid_token', 'The bearer token is not valid.'),
      );
      return;
    }
    const cookie = cookieOf(request, SESSION_COOKIE);
    if (cookie !== null && sameSecret(cookie, session)) {
      response.locals.authBy = 'session' satisfies AuthBy;
      next();
      return;
    }
    next(unauthorized('unauthorized', 'This route needs authentication.'));
  };
}

/**
 * For GET /metrics: what requireAuth lets through, or the scrape credential (METRICS_SCRAPE_AUTH), which
 * opens this route and no other: Prometheus holds nothing that could start, read or publish a remedy.
 */
export function requireMetricsAuth(token: string | null, scrapeToken: string | null): RequestHandler {
  const apiAuth = requireAuth(token);
  if (scrapeToken === null) return apiAuth;
  return (request, response, next) => {
    const bearer = bearerOf(request);
    if (bearer !== null && sameSecret(bearer, scrapeToken)) {
      next();
      return;
    }
    apiAuth(request, response, next);
  };
}

/**
 * For a person following a link: `GET /remedies/:id?token=<token>` with the right token sets an HttpOnly,
 * SameSite=Strict session cookie and redirects to the same page without the token, so the token leaves
 * the address bar and history at once. Without `?token=` the request goes on to the usual check.
 */
export function pageTokenLogin(token: string | null, options: { secureCookie: boolean }): RequestHandler {
  return (request, response, next) => {
    if (token === null || !('token' in request.query)) {
      next();
      return;
    }
    const given = request.query.token;
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      next(unauthorized('invalid_token', 'The token in the link is not valid.'));
      return;
    }
    const url = new URL(request.originalUrl, 'http://placeholder');
    url.searchParams.delete('token');
    response
      .cookie(SESSION_COOKIE, sessionValue(token), {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookie || request.secure,
        path: '/',
        maxAge: SESSION_MAX_AGE_MS,
      })
      .set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
      .redirect(303, url.pathname + url.search);
  };
}
