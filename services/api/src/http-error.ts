import type { z } from 'zod';

/**
 * An error answered as `status` with the JSON body `{ error, message, details }`. `code` is stable for
 * programs; `message` says what is wrong and what to do, for people. Neither may hold a secret.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Redis (queues, records, cache) cannot be reached; the request may succeed if tried again shortly. */
export class RedisUnavailableError extends HttpError {
  constructor() {
    super(
      503,
      'unavailable',
      'The API cannot reach Redis right now, so this request was not served; try again in a few seconds.',
      null,
      { 'Retry-After': '5' },
    );
  }
}

/** A body or header that failed its schema, with each issue's path (`playlist`, `countryCode`...). */
export function validationError(what: string, error: z.ZodError): HttpError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  return new HttpError(400, 'invalid_request', `The ${what} is invalid: ${summary.join('; ')}.`, {
    issues,
  });
}
