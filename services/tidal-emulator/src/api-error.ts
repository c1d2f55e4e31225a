/**
 * An error the emulator answers with a JSON:API error document, shaped as TIDAL's:
 * `{ errors: [{ id, status, code, detail, source? }] }` with `status` as a string.
 */
export interface ErrorSource {
  parameter?: string;
  pointer?: string;
  header?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly source?: ErrorSource,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  static badRequest(detail: string, source?: ErrorSource): ApiError {
    return new ApiError(400, 'INVALID_REQUEST', detail, source);
  }

  static unauthorized(detail: string): ApiError {
    return new ApiError(401, 'UNAUTHORIZED', detail, undefined, { 'WWW-Authenticate': 'Bearer' });
  }

  static forbidden(detail: string): ApiError {
    return new ApiError(403, 'FORBIDDEN', detail);
  }

  static notFound(detail: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', detail);
  }
}
