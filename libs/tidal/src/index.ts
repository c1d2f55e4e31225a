export {
  type AddedItem,
  type AddItemsResult,
  type CallOptions,
  type CountryOptions,
  DEFAULT_API_URL,
  DEFAULT_AUTH_URL,
  DEFAULT_MAX_IDS_PER_REQUEST,
  type ItemsFrom,
  JSON_API,
  MAX_ITEMS_PER_WRITE,
  MAX_QUERY_LENGTH,
  type PlaylistItemRef,
  type PlaylistItemsPage,
  TIDAL_WEB_BASE,
  TidalClient,
  type TidalClientOptions,
  type TidalLogger,
  type TidalUser,
  type WriteOptions,
  webBaseFor,
} from './client.js';
export { parseTidalCredentials, type TidalCredentials, TidalCredentialsSchema } from './credentials.js';
export {
  CredentialsRejectedError,
  IdempotentRequestInProgressError,
  InvalidCredentialsError,
  RateLimitedError,
  TidalApiError,
  TidalBadRequestError,
  TidalError,
  type TidalErrorObject,
  TidalForbiddenError,
  TidalNetworkError,
  TidalNotFoundError,
  TidalResponseError,
  TidalServerError,
  TidalTimeoutError,
  TidalUnauthorizedError,
  TokenRefreshTimeoutError,
} from './errors.js';
export {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type RateLimitPolicy,
  type RetryPolicy,
} from './http-transport.js';
export {
  type AuthorizeUrlOptions,
  authorizeUrl,
  canWritePlaylists,
  codeFromRedirect,
  createPkce,
  DEFAULT_LOGIN_URL,
  type ExchangeCodeOptions,
  exchangeCode,
  LOGIN_SCOPES,
  LoginError,
  type LoginTokens,
  type PkcePair,
  WRITE_SCOPES,
  WriteAccessError,
  writeAccessProblem,
} from './login.js';
export { MemoryTokenStore } from './memory-token-store.js';
export { RedisRequestGate } from './redis-request-gate.js';
export { RedisTokenStore, type RedisTokenStoreOptions } from './redis-token-store.js';
export { gcra, MemoryRequestGate, type RateLimit, type RequestGate } from './request-gate.js';
export {
  type RequestEvent,
  type RequestOutcome,
  RequestStats,
  type RequestStatsSnapshot,
} from './request-stats.js';
export { type StoredToken, StoredTokenSchema, type TokenLock, type TokenStore } from './token-store.js';
