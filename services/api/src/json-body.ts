import express, { type RequestHandler } from 'express';
import typeis from 'type-is';
import { HttpError } from './http-error.js';

/** A remedy request is a few hundred bytes; anything near this is not one. */
export const JSON_BODY_LIMIT = '16kb';

/** An approval lists a choice per item; a large playlist's review is bigger than a remedy request. */
export const APPROVAL_BODY_LIMIT = '256kb';

/**
 * Parses a JSON body up to `limit` (400 malformed, 413 too large, via the error handler); 415 for another
 * content type. Without a body: 400 when one is required, else the body reads as `{}`.
 */
function jsonBodyParser(limit: string, bodyRequired: boolean): RequestHandler {
  const parse = express.json({ limit, type: 'application/json' });
  return (request, response, next) => {
    if (!typeis.hasBody(request) || request.get('content-length') === '0') {
      if (bodyRequired) {
        next(
          new HttpError(
            400,
            'missing_body',
            'The request needs a JSON body; send Content-Type: application/json.',
          ),
        );
        return;
      }
      request.body = {};
      next();
      return;
    }
    if (!request.is('application/json')) {
      next(
        new HttpError(
          415,
          'unsupported_media_type',
          `The body must be JSON (Content-Type: application/json), not ${(request.get('content-type') ?? 'untyped').slice(0, 100)}.`,
        ),
      );
      return;
    }
    parse(request, response, next);
  };
}

/** A required JSON body, up to JSON_BODY_LIMIT. */
export const jsonBody: RequestHandler = jsonBodyParser(JSON_BODY_LIMIT, true);

/** An optional JSON body (none reads as `{}`), up to APPROVAL_BODY_LIMIT. */
export const optionalJsonBody: RequestHandler = jsonBodyParser(APPROVAL_BODY_LIMIT, false);
