import express, { type Request, type Response, Router } from 'express';
import type { EmulatorContext } from './context.js';

export const TOKEN_PATH = '/oauth2/token';

/**
 * TIDAL's OAuth token endpoint (`POST https://auth.tidal.com/v1/oauth2/token`): a form-encoded body with
 * `grant_type` and the client credentials (in the body, as TIDAL's SDKs send them, or HTTP Basic), answering
 * `{ access_token, token_type, expires_in, scope, refresh_token?, user_id? }` or an OAuth error
 * `{ status, error, sub_status, error_description }`.
 */
export function authRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  router.post(TOKEN_PATH, express.urlencoded({ extended: false }), async (req: Request, res: Response) => {
    res.locals.template = TOKEN_PATH;
    const fault = ctx.faults.take(req.method, TOKEN_PATH, false);
    if (fault && fault.delayMs > 0) await ctx.sleep(fault.delayMs);
    if (fault?.status !== undefined) {
      if (fault.status === 429) res.set('Retry-After', String(fault.retryAfterSeconds));
      res.status(fault.status).json({
        status: fault.status,
        error: fault.status >= 500 ? 'server_error' : 'injected_fault',
        sub_status: 0,
        error_description: 'Injected failure',
      });
      return;
    }
    const form = formFields(req.body);
    const basic = basicCredentials(req.get('authorization'));
    res.locals.clientId = basic?.clientId ?? form.client_id ?? null;
    const result = ctx.tokens.grant(form, basic);
    res.set('Cache-Control', 'no-store');
    res.status(result.status).json(result.body);
  });
  return router;
}

function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null {
  const match = header?.match(/^Basic\s+(\S+)$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}
