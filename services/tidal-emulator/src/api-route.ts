import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import { ApiError } from './api-error.js';
import type { EmulatorContext } from './context.js';
import type { IdempotencyClaim } from './idempotency.js';
import { authorize } from './operations.js';
import type { Principal } from './token-issuer.js';

export type ApiHandler = (req: Request, res: Response, principal: Principal) => Promise<void> | void;

export const JSON_API = 'application/vnd.api+json';
/** The spec's maxLength of the `Idempotency-Key` header. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/**
 * Registers a TIDAL API endpoint under its template (`/playlists/{id}`), with what every TIDAL request goes
 * through, in order: content negotiation, the bearer token, the per-client rate limit, the operation's
 * security requirement (OPERATIONS), for writes the body's media type and the `Idempotency-Key`, then
 * injected faults (scripted ones first, then the random `errorRate`).
 */
export function apiRoute(
  router: Router,
  ctx: EmulatorContext,
  method: 'get' | 'post' | 'delete',
  template: string,
  handler: ApiHandler,
  /** Whether the write takes a body (the spec's requestBody); `DELETE /playlists/{id}` has none. */
  options: { body: boolean } = { body: true },
): void {
  const expressPath = template.replace(/\{(\w+)\}/g, ':$1');
  const endpoint = `${method.toUpperCase()} ${template}`;
  router[method](expressPath, async (req: Request, res: Response) => {
    res.locals.template = template;
    const accept = req.get('accept');
    if (accept && !/(\*\/\*|application\/\*|application\/(vnd\.api\+)?json)/i.test(accept)) {
      throw new ApiError(406, 'NOT_ACCEPTABLE', `Cannot answer with ${accept}; the API speaks ${JSON_API}`);
    }
    const check = ctx.tokens.check(req.get('authorization'));
    if (!check.ok) throw ApiError.unauthorized(check.detail);
    const { principal } = check;
    res.locals.clientId = principal.clientId;
    const wait = ctx.rateLimiter?.take(principal.clientId) ?? 0;
    if (wait > 0) {
      throw new ApiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded', undefined, {
        'Retry-After': String(wait),
      });
    }
    authorize(endpoint, principal);
    let claim: IdempotencyClaim | undefined;
    if (method !== 'get') {
      if (options.body) requireJsonApiBody(req);
      const started = beginWrite(ctx, req, principal);
      if (started && 'replay' in started) {
        sendDocument(res, started.replay.status, started.replay.body);
        return;
      }
      claim = started?.claim;
    }
    try {
      const fault = ctx.faults.take(req.method, template, true);
      if (fault && fault.delayMs > 0) await ctx.sleep(fault.delayMs);
      if (fault?.status !== undefined) throw injected(fault.status, fault.retryAfterSeconds);
      if (ctx.errorRate > 0 && ctx.faultPrng() < ctx.errorRate) throw injected(500, 0);
      await handler(req, res, principal);
    } catch (error) {
      claim?.release();
      throw error;
    }
    if (claim) {
      if (res.statusCode < 300) claim.complete(res.statusCode, res.locals.document);
      else claim.release();
    }
  });
}

/** The replay of a write done under this request's `Idempotency-Key`, or a claim on the key (none without one). */
function beginWrite(ctx: EmulatorContext, req: Request, principal: Principal) {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw ApiError.badRequest(`Idempotency-Key must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, {
      header: 'Idempotency-Key',
    });
  }
  const scope = `${principal.clientId}|${principal.userId}|${req.method}|${req.path}`;
  return ctx.idempotency.begin(scope, key, req.body);
}

/** Writes a JSON:API document with TIDAL's media type. */
export function sendDocument(res: Response, status: number, document: unknown): void {
  // Written raw: express would append `; charset=utf-8`, and JSON:API forbids media type parameters.
  const text = JSON.stringify(document);
  const body = Buffer.from(text);
  res.locals.document = document;
  res.locals.documentText = text;
  res
    .status(status)
    .set({ 'Content-Type': JSON_API, 'Content-Length': String(body.length) })
    .end(body);
}

/** The request's path and query relative to the API base (`/tracks?…`), as TIDAL's `links.self`. */
export function selfLink(req: Request): string {
  return req.originalUrl.replace(/^\/v2(?=\/)/, '');
}

/** Refuses a write whose body is not JSON:API, as TIDAL's 415: its spec declares no other media type. */
export function requireJsonApiBody(req: Request): void {
  if (!req.is(JSON_API)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the request body as ${JSON_API}${req.get('content-type') ? `, not ${req.get('content-type')}` : ''}`,
      { header: 'Content-Type' },
    );
  }
}

function injected(status: number, retryAfterSeconds: number): ApiError {
  if (status === 429) {
    return new ApiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'INJECTED_FAULT', 'Injected failure');
}

/** The JSON:API error handler: ApiErrors as TIDAL error documents, anything else as a 500. */
export function errorHandler(ctx: EmulatorContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = toApiError(error);
    if (apiError.status >= 500 && !(error instanceof ApiError)) {
      ctx.logger?.error(
        { err: error, method: req.method, path: res.locals.template },
        'emulator handler failed',
      );
    }
    for (const [name, value] of Object.entries(apiError.headers)) res.set(name, value);
    sendDocument(res, apiError.status, {
      errors: [
        {
          id: randomUUID(),
          status: String(apiError.status),
          code: apiError.code,
          detail: apiError.detail,
          ...(apiError.source ? { source: apiError.source } : {}),
        },
      ],
    });
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    error.type === 'entity.parse.failed'
  ) {
    return ApiError.badRequest('The request body is not valid JSON');
  }
  return new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** Validates a request body; a failure is a 400 whose `source.pointer` names the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const pointer = `/${(issue?.path ?? []).map(String).join('/')}`;
  throw ApiError.badRequest(`Invalid request body at ${pointer}: ${issue?.message ?? 'invalid'}`, {
    pointer,
  });
}
