import { randomUUID } from 'node:crypto';
import type { Logger } from '@tidal-remedy/log';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** An inbound `X-Request-Id` is kept when it is short and plain; anything else gets a fresh id. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Probes are called every few seconds; their success is not worth an info line each time. */
const QUIET_PATHS = new Set(['/healthz', '/readyz']);

interface RequestContext {
  requestId: string;
  log: Logger;
}

/** The request's id and its logger (a child of the app's, carrying the id). */
export function requestContext(response: Response): RequestContext {
  return response.locals as RequestContext;
}

/**
 * Gives each request an id (answered as `X-Request-Id`) and a logger, and logs one line per response.
 * The line has the path without its query string: a query may carry a token (`?token=` on the report page).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const inbound = request.get('x-request-id');
    const requestId = inbound !== undefined && REQUEST_ID.test(inbound) ? inbound : randomUUID();
    const log = logger.child({ requestId });
    Object.assign(response.locals, { requestId, log } satisfies RequestContext);
    response.set('X-Request-Id', requestId);

    const started = performance.now();
    response.on('finish', () => {
      const path = request.originalUrl.split('?')[0];
      const fields = {
        method: request.method,
        path,
        status: response.statusCode,
        durationMs: Math.round(performance.now() - started),
      };
      if (response.statusCode >= 500) log.error(fields, 'request failed');
      else if (QUIET_PATHS.has(path ?? '') && response.statusCode < 400) log.debug(fields, 'request');
      else log.info(fields, 'request');
    });
    next();
  };
}
