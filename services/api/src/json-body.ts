import express, { type RequestHandler } from 'express';
import typeis from 'type-is';
import { HttpError } from './http-error.js';

/** A remedy request is a few hundred bytes; anything near this is not one. */
export const JSON_BODY_LIMIT = '16kb';

const parseJson = express.json({ limit: JSON_BODY_LIMIT, type: 'application/json' });

/** An approval lists a choice per item; a large playlist's review is bigger than a remedy request. */
export const APPROVAL_BODY_LIMIT = '256kb';

const parseApprovalJson = express.json({ limit: APPROVAL_BODY_LIMIT, type: 'application/json' });

/**
 * Requires a JSON body (400 without one, 415 for another content type) and parses it (400 malformed,
 * 413 too large, via the error handler).
 */
export const jsonBody: RequestHandler = (request, response, next) => {
  if (!typeis.hasBody(request) || request.get('content-length') === '0') {
    next(
      new HttpError(
        400,
        'missing_body',
        'The request needs a JSON body; send Content-Type: application/json.',
      ),
    );
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
  parseJson(request, response, next);
};

/** An optional JSON body (none reads as `{}`), up to APPROVAL_BODY_LIMIT; 415 for another content type. */
export const optionalJsonBody: RequestHandler = (request, response, next) => {
  if (!typeis.hasBody(request) || request.get('content-length') === '0') {
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
  parseApprovalJson(request, response, next);
};
