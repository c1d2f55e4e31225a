import { QUOTED_INPUT_MAX, quotedInput } from '@tidal-remedy/contracts';
import type { Logger } from '@tidal-remedy/log';
import { QueueUnavailableError, type RedisConnection } from '@tidal-remedy/queue';
import {
  IdempotencyKeyReusedError,
  InvalidApprovalError,
  RemedyError,
  RemedyNotFoundError,
} from '@tidal-remedy/remedies';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, RedisUnavailableError, validationError } from './http-error.js';
import { isRedisConnectionError } from './redis-guard.js';
import { requestContext } from './request-context.js';

/** Errors raised by express's body parser, by their `type`. Their messages may quote the body: not used. */
const BODY_ERRORS: Record<string, (fields: { limit?: unknown }) => HttpError> = {
  'entity.parse.failed': () =>
    new HttpError(400, 'malformed_json', 'The request body is not valid JSON; send a JSON object.'),
  'entity.too.large': ({ limit }) =>
    new HttpError(
      413,
      'body_too_large',
      `The request body is larger than ${typeof limit === 'number' ? `${Math.round(limit / 1024)}kb` : 'this route takes'}; send less.`,
    ),
  'encoding.unsupported': () =>
    new HttpError(415, 'unsupported_encoding', 'The body encoding is not supported; send it uncompressed.'),
  'charset.unsupported': () =>
    new HttpError(415, 'unsupported_charset', 'The body charset is not supported; send UTF-8 JSON.'),
  'request.aborted': () =>
    new HttpError(400, 'request_aborted', 'The request body was cut off; send it again.'),
  'request.size.invalid': () =>
    new HttpError(400, 'request_size_invalid', 'The body length does not match Content-Length.'),
};

/** A refusal of the remedy service as an HTTP status: no such remedy, a reused key, else a conflict. */
function statusOf(error: RemedyError): number {
  if (error instanceof RemedyNotFoundError) return 404;
  if (error instanceof IdempotencyKeyReusedError) return 422;
  // Not failed (a retry), not in review or not awaiting it (an approval), its proposal gone: not now.
  return 409;
}

/**
 * What to answer for an error: ours as it is, a refusal of the remedy service as its status, a client
 * error from express's parts, else 503 or 500.
 */
function toHttpError(error: unknown, redis: RedisConnection, requestId: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidApprovalError) return validationError('approval', error.issues);
  if (error instanceof RemedyError)
    return new HttpError(statusOf(error), error.code, error.message, error.details);
  if (error instanceof QueueUnavailableError) return new RedisUnavailableError();
  const fields = (error ?? {}) as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
    message?: unknown;
    limit?: unknown;
  };
  const bodyError = typeof fields.type === 'string' ? BODY_ERRORS[fields.type] : undefined;
  if (bodyError) return bodyError(fields);
  if (typeof fields.status === 'number' && fields.status >= 400 && fields.status < 500 && fields.expose) {
    return new HttpError(
      fields.status,
      'bad_request',
      `The request could not be read: ${String(fields.message)}`,
    );
  }
  if (redis.status !== 'ready' || isRedisConnectionError(error)) return new RedisUnavailableError();
  return new HttpError(
    500,
    'internal',
    `The API failed to answer this request. Try again; if it keeps failing, report request id ${requestId}.`,
    { requestId },
  );
}

/**
 * Answers every error as JSON `{ error, message, details }`. A 500 is logged with its cause and answered
 * without it: internals (stack, Redis keys, library messages) stay in the log.
 */
export function errorHandler(redis: RedisConnection, logger: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    const { requestId = 'unknown', log = logger } = requestContext(response);
    const answer = toHttpError(error, redis, requestId);
    if (answer.status === 500) log.error({ err: error }, 'request failed with an unexpected error');
    else if (answer.status === 503) log.warn('Redis is unavailable; answered 503');
    if (response.headersSent) {
      next(error);
      return;
    }
    response
      .status(answer.status)
      .set(answer.headers)
      .json({ error: answer.code, message: answer.message, details: answer.details });
  };
}

/** The last route: anything not matched is a JSON 404 naming the routes that exist. */
export const routeNotFound: RequestHandler = (request, _response, next) => {
  next(
    new HttpError(
      404,
      'not_found',
      `There is no route ${request.method} ${request.path.length > QUOTED_INPUT_MAX ? quotedInput(request.path) : request.path}. Routes: POST /v1/remedies, GET /v1/remedies/:id, ` +
        'POST /v1/remedies/:id/retry, POST /v1/remedies/:id/publish, POST /v1/watches, GET /v1/watches, ' +
        'GET /v1/watches/:id, DELETE /v1/watches/:id, GET /, GET /remedies/:id, GET /healthz, GET /readyz, ' +
        'GET /metrics, /admin/queues, GET /openapi.json.',
    ),
  );
};
