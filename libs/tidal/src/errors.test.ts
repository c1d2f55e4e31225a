import { describe, expect, it } from 'vitest';
import {
  CredentialsRejectedError,
  InvalidCredentialsError,
  RateLimitedError,
  TidalBadRequestError,
  TidalForbiddenError,
  TidalNetworkError,
  TidalNotFoundError,
  TidalResponseError,
  TidalServerError,
  TidalTimeoutError,
  TidalUnauthorizedError,
} from './errors.js';

describe('retryable', () => {
  it('is false for what another attempt cannot fix', () => {
    for (const error of [
      new TidalBadRequestError(400, 'GET /tracks', [], ''),
      new TidalUnauthorizedError(401, 'GET /tracks', [], ''),
      new TidalForbiddenError(403, 'POST /playlists', [], ''),
      new TidalNotFoundError(404, 'GET /playlists/{id}', [], ''),
      new TidalResponseError('GET /tracks', [{ path: 'data', message: 'expected array' }]),
      new CredentialsRejectedError('invalid_grant'),
      new InvalidCredentialsError([{ path: 'client_id', message: 'required' }]),
    ]) {
      expect(error.retryable, error.name).toBe(false);
    }
  });

  it('is true for passing trouble', () => {
    expect(new TidalServerError(503, 'GET /tracks', [], '').retryable).toBe(true);
    expect(new RateLimitedError('GET /tracks', 1000).retryable).toBe(true);
    expect(new TidalTimeoutError('GET /tracks', 10_000).retryable).toBe(true);
    expect(
      new TidalNetworkError('GET /tracks', 'https://openapi.tidal.com/v2/tracks', new Error('ECONNRESET'))
        .retryable,
    ).toBe(true);
  });
});
