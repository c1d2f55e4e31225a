/**
 * Errors of the TIDAL client. Each says what went wrong and what to do; none ever carries a token or a
 * secret (server-provided text is passed through `redactSecrets` before it reaches a message).
 */

/** One entry of TIDAL's JSON:API error document (`{ errors: [...] }`). */
export interface TidalErrorObject {
  id?: string;
  status?: string;
  code?: string;
  detail?: string;
  source?: { parameter?: string; pointer?: string; header?: string };
}

export class TidalError extends Error {
  /** The endpoint template the failing request went to (`GET /tracks`), when there was one. */
  readonly endpoint: string | null;
  /**
   * Whether trying again later may succeed. False for a request TIDAL refuses as such (4xx), credentials
   * it rejects, and answers the client cannot read: a queue then fails the job at once, keeping it, rather
   * than spending attempts on it.
   */
  readonly retryable: boolean = true;

  constructor(message: string, endpoint: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.endpoint = endpoint;
  }
}

/** TIDAL answered with an error status; `errors` is its JSON:API error document (when it sent one). */
export class TidalApiError extends TidalError {
  constructor(
    readonly status: number,
    endpoint: string,
    readonly errors: TidalErrorObject[],
    advice: string,
  ) {
    super(`TIDAL answered ${status} to ${endpoint}${describe(errors)}. ${advice}`, endpoint);
  }

  /** The first error's detail, as TIDAL worded it. */
  get detail(): string | null {
    return this.errors.find((error) => error.detail)?.detail ?? null;
  }

  /** The first error's code (`NOT_FOUND`, `IDEMPOTENT_REQUEST_PAYLOAD_MISMATCH`, …). */
  get code(): string | null {
    return this.errors.find((error) => error.code)?.code ?? null;
  }
}

/** 400 and the other 4xx not covered below (409, 415, 422, …): the request itself is wrong; not retried. */
export class TidalBadRequestError extends TidalApiError {
  override readonly retryable = false;
}

/** 401 although the token was just renewed: the credentials lack access to this resource. */
export class TidalUnauthorizedError extends TidalApiError {
  override readonly retryable = false;
}

/** 403: the token may not do this (a catalog-only token writing, someone else's playlist, a missing scope). */
export class TidalForbiddenError extends TidalApiError {
  override readonly retryable = false;
}

/** 404: no such playlist or resource (or not visible to these credentials). */
export class TidalNotFoundError extends TidalApiError {
  override readonly retryable = false;
}

/**
 * TIDAL kept answering 409 IDEMPOTENT_REQUEST_IN_PROGRESS: the first attempt of this write is still being
 * processed. Retrying later replays its answer (same Idempotency-Key), so this is retryable.
 */
export class IdempotentRequestInProgressError extends TidalError {
  readonly status = 409;

  constructor(endpoint: string, waitedMs: number) {
    super(
      `TIDAL is still processing an earlier attempt of ${endpoint} (409 IDEMPOTENT_REQUEST_IN_PROGRESS after waiting ${(waitedMs / 1000).toFixed(1)} s); retry later, with the same idempotency key, to get its answer.`,
      endpoint,
    );
  }
}

/** 5xx after every retry allowed. */
export class TidalServerError extends TidalApiError {}

/**
 * 429: TIDAL's rate limit. `retryAfterMs` is what its `Retry-After` asked for; a queue worker should pause
 * for that long rather than sleep inside a job.
 */
export class RateLimitedError extends TidalError {
  readonly status = 429;

  constructor(
    endpoint: string,
    readonly retryAfterMs: number,
  ) {
    super(
      `TIDAL rate-limited ${endpoint}; retry after ${Math.ceil(retryAfterMs / 1000)} s (pause the worker or slow down).`,
      endpoint,
    );
  }
}

/** No answer within the per-request timeout, after every retry allowed. */
export class TidalTimeoutError extends TidalError {
  constructor(
    endpoint: string,
    readonly timeoutMs: number,
  ) {
    super(
      `TIDAL did not answer ${endpoint} within ${timeoutMs} ms, after retries. Check the network or TIDAL_API_URL, or raise the timeout.`,
      endpoint,
    );
  }
}

/** The request could not be sent or its answer read (DNS, refused connection, reset), after retries. */
export class TidalNetworkError extends TidalError {
  constructor(endpoint: string, url: string, cause: unknown) {
    super(
      `Could not reach TIDAL for ${endpoint} at ${new URL(url).origin}: ${causeMessage(cause)}. Check the network and TIDAL_API_URL / TIDAL_AUTH_URL.`,
      endpoint,
      { cause },
    );
  }
}

/** TIDAL's answer is not the document expected; `issues` name each failing field (`data[0].attributes.duration`). */
export class TidalResponseError extends TidalError {
  override readonly retryable = false;

  constructor(
    endpoint: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `TIDAL's answer to ${endpoint} does not match the expected JSON:API document: ${issues
        .slice(0, 5)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join(
          '; ',
        )}${issues.length > 5 ? '; …' : ''}. TIDAL's API may have changed; the client needs updating.`,
      endpoint,
    );
  }
}

/** TIDAL's token endpoint refused the credentials, or they cannot be renewed. */
export class CredentialsRejectedError extends TidalError {
  override readonly retryable = false;

  constructor(reason: string) {
    super(
      `TIDAL credentials rejected: ${reason}. Log in to TIDAL again and update the tidal-creds secret (or --creds file).`,
      'POST /oauth2/token',
    );
  }
}

/** The credentials object does not have a usable shape; `issues` name the fields, never their values. */
export class InvalidCredentialsError extends TidalError {
  override readonly retryable = false;

  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `The TIDAL credentials are not usable: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}. ` +
        'Expected TIDAL token JSON (client_id, client_secret?, access_token?, refresh_token?, expires_at?) or a tidalapi session file.',
      null,
    );
  }
}

/** Another replica holds the token-refresh lock and no fresh token appeared in time. */
export class TokenRefreshTimeoutError extends TidalError {
  constructor(waitedMs: number) {
    super(
      `Waited ${waitedMs} ms for another replica to refresh the TIDAL token, in vain. Check Redis and the other replicas' logs.`,
      'POST /oauth2/token',
    );
  }
}

/** Replaces every occurrence of the given secrets in `text` (server-provided text headed for a message). */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function describe(errors: TidalErrorObject[]): string {
  const first = errors[0];
  if (!first) return '';
  const where = first.source?.parameter ?? first.source?.pointer ?? first.source?.header;
  return `: ${[first.code, first.detail].filter(Boolean).join(' ')}${where ? ` (at ${where})` : ''}`;
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}
