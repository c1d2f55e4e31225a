import express, { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from './context.js';

export const AUTHORIZE_PATH = '/authorize';

/** TIDAL's auth error body. */
export interface AuthErrorBody {
  status: number;
  error: string;
  sub_status: number;
  error_description: string;
}

/** The query of an authorization request, as `login.tidal.com/authorize` takes it. */
export interface AuthorizeParams {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string;
  code_challenge_method: string;
  state: string;
}

const PARAM_NAMES = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'state',
] as const;

/** What a step of the login answers: a page, a redirect back to the app, or an error shown to the user. */
export type AuthorizeOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; body: AuthErrorBody }
  | { kind: 'ok'; params: AuthorizeParams; scopes: string[] };

function paramsOf(source: Record<string, unknown>): AuthorizeParams {
  const params = {} as AuthorizeParams;
  for (const name of PARAM_NAMES) {
    const value = source[name];
    params[name] = typeof value === 'string' ? value : '';
  }
  return params;
}

function backTo(params: AuthorizeParams, fields: Record<string, string>): string {
  const url = new URL(params.redirect_uri);
  for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  if (params.state) url.searchParams.set('state', params.state);
  return url.toString();
}

/**
 * Checks an authorization request as TIDAL's login does. An unknown client or an unregistered redirect URI
 * is shown to the user (never redirected: the URI is not trusted; 11102 is TIDAL's code for the latter);
 * every other fault goes back to the app as an OAuth error on its redirect URI.
 */
export function checkAuthorizeRequest(ctx: EmulatorContext, params: AuthorizeParams): AuthorizeOutcome {
  const client = ctx.catalog.client(params.client_id);
  if (!client) {
    return {
      kind: 'error',
      body: {
        status: 400,
        error: 'invalid_client',
        sub_status: 1002,
        error_description: 'Unknown client_id',
      },
    };
  }
  if (!(client.redirectUris ?? []).includes(params.redirect_uri)) {
    return {
      kind: 'error',
      body: {
        status: 400,
        error: 'invalid_request',
        sub_status: 11102,
        error_description: 'Invalid redirect_uri: it is not registered for this client',
      },
    };
  }
  const fail = (error: string, description: string): AuthorizeOutcome => ({
    kind: 'redirect',
    location: backTo(params, { error, error_description: description }),
  });
  if (params.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (params.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) {
    return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
  }
  const allowed = new Set(ctx.tokens.allowedScopes(client.clientId));
  const scopes = params.scope.split(/\s+/).filter(Boolean);
  const refused = scopes.filter((scope) => !allowed.has(scope));
  if (refused.length > 0)
    return fail('invalid_scope', `Scopes not granted to this client: ${refused.join(' ')}`);
  return { kind: 'ok', params, scopes };
}

/** The user's decision on the consent step: a code on the redirect URI, or `access_denied`. */
export function decide(
  ctx: EmulatorContext,
  params: AuthorizeParams,
  username: string,
  decision: 'allow' | 'deny',
): AuthorizeOutcome {
  const checked = checkAuthorizeRequest(ctx, params);
  if (checked.kind !== 'ok') return checked;
  const user = ctx.catalog.userNamed(username);
  if (!user) {
    return {
      kind: 'error',
      body: { status: 401, error: 'invalid_user', sub_status: 6001, error_description: 'Unknown username' },
    };
  }
  if (decision === 'deny') {
    return {
      kind: 'redirect',
      location: backTo(params, { error: 'access_denied', error_description: 'The user denied access' }),
    };
  }
  const code = ctx.tokens.issueCode({
    clientId: params.client_id,
    userId: user.id,
    redirectUri: params.redirect_uri,
    scopes: checked.scopes,
    codeChallenge: params.code_challenge,
  });
  return { kind: 'redirect', location: backTo(params, { code }) };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hidden(params: AuthorizeParams): string {
  return PARAM_NAMES.map(
    (name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name])}">`,
  ).join('');
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function send(
  res: Response,
  outcome: AuthorizeOutcome,
  ok: (params: AuthorizeParams, scopes: string[]) => string,
) {
  res.set('Cache-Control', 'no-store');
  if (outcome.kind === 'redirect') res.redirect(302, outcome.location);
  else if (outcome.kind === 'error') res.status(outcome.body.status).json(outcome.body);
  else res.type('html').send(ok(outcome.params, outcome.scopes));
}

/**
 * The emulator's `login.tidal.com/authorize`: a login form (a seeded username, no password) then a consent
 * step (Allow / Deny) that redirects back with `code` and `state`, or `error=access_denied`.
 */
export function authorizeRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });
  const loginForm = (params: AuthorizeParams, message = '') =>
    page(
      'Log in to TIDAL (emulator)',
      `${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}<form method="post" action="${AUTHORIZE_PATH}">${hidden(params)}<label>Username <input name="username" autocomplete="username"></label><button type="submit">Log in</button></form>`,
    );

  router.get(AUTHORIZE_PATH, (req: Request, res: Response) => {
    res.locals.template = AUTHORIZE_PATH;
    const params = paramsOf(req.query as Record<string, unknown>);
    res.locals.clientId = params.client_id || null;
    send(res, checkAuthorizeRequest(ctx, params), (checked) => loginForm(checked));
  });

  router.post(AUTHORIZE_PATH, form, (req: Request, res: Response) => {
    res.locals.template = AUTHORIZE_PATH;
    const params = paramsOf(req.body as Record<string, unknown>);
    res.locals.clientId = params.client_id || null;
    const username = typeof req.body.username === 'string' ? req.body.username : '';
    const checked = checkAuthorizeRequest(ctx, params);
    if (checked.kind === 'ok' && !ctx.catalog.userNamed(username)) {
      res.status(401).type('html').send(loginForm(params, 'No such user; try a username from the seed.'));
      return;
    }
    send(res, checked, (ok, scopes) =>
      page(
        'Allow access?',
        `<p><b>${escapeHtml(ok.client_id)}</b> asks to act for <b>${escapeHtml(username)}</b> with: ${scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(' ')}</p><form method="post" action="${AUTHORIZE_PATH}/consent">${hidden(ok)}<input type="hidden" name="username" value="${escapeHtml(username)}"><button name="decision" value="allow">Allow</button><button name="decision" value="deny">Deny</button></form>`,
      ),
    );
  });

  router.post(`${AUTHORIZE_PATH}/consent`, form, (req: Request, res: Response) => {
    res.locals.template = `${AUTHORIZE_PATH}/consent`;
    const params = paramsOf(req.body as Record<string, unknown>);
    res.locals.clientId = params.client_id || null;
    const username = typeof req.body.username === 'string' ? req.body.username : '';
    const decision = req.body.decision === 'allow' ? 'allow' : 'deny';
    send(res, decide(ctx, params, username, decision), () => '');
  });
  return router;
}

/** Parses a full authorize URL's query (the admin shortcut takes the URL a client built). */
export function authorizeParamsFromUrl(url: string): AuthorizeParams {
  return paramsOf(Object.fromEntries(new URL(url).searchParams));
}
