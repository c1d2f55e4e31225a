import { ApiError } from './api-error.js';
import type { Principal } from './token-issuer.js';

/**
 * The TIDAL operations the emulator serves and the security requirement TIDAL's spec (v1.10.104) declares
 * for each: `Client_Credentials` (a token of the client-credentials grant) and/or `Authorization_Code_PKCE`
 * with scopes (a user's token). test/contract checks this table against the spec.
 *
 * The spec lists several scopes on some requirements (`playlists.write`, `w_usr`); read as all-required,
 * no third-party app could ever write a playlist (w_usr is an INTERNAL scope), so a user token needs any one
 * of the scopes listed. That reading leaves `GET /tracks` (only `r_usr`, INTERNAL) closed to third-party
 * user tokens: the catalog is read with a client-credentials token.
 */
export interface OperationSecurity {
  /** Whether a client-credentials token may call it. */
  clientCredentials: boolean;
  /** Scopes of which a user token needs one; [] any user token; null no user token. */
  userScopes: readonly string[] | null;
}

export const OPERATIONS: Readonly<Record<string, OperationSecurity>> = {
  'GET /playlists': { clientCredentials: true, userScopes: ['playlists.read', 'r_usr'] },
  'POST /playlists': { clientCredentials: false, userScopes: ['playlists.write', 'w_usr'] },
  'GET /playlists/{id}': { clientCredentials: true, userScopes: [] },
  'DELETE /playlists/{id}': { clientCredentials: false, userScopes: ['playlists.write', 'w_usr'] },
  'GET /playlists/{id}/relationships/items': { clientCredentials: true, userScopes: [] },
  'POST /playlists/{id}/relationships/items': {
    clientCredentials: false,
    userScopes: ['playlists.write', 'w_usr'],
  },
  'DELETE /playlists/{id}/relationships/items': {
    clientCredentials: false,
    userScopes: ['playlists.write', 'w_usr'],
  },
  'GET /users/{id}': { clientCredentials: false, userScopes: ['r_usr', 'user.read'] },
  'GET /tracks': { clientCredentials: true, userScopes: ['r_usr'] },
  'GET /searchResults': { clientCredentials: true, userScopes: ['r_usr', 'search.read'] },
  'GET /searchResults/{id}/relationships/tracks': {
    clientCredentials: true,
    userScopes: ['r_usr', 'search.read'],
  },
};

/**
 * Refuses a token the operation's security requirement does not accept. The spec declares no status for
 * this (it declares no 401 or 403 on these operations); the emulator answers 403 insufficient_scope as
 * OAuth bearer tokens do (RFC 6750), so that a wrong token is an error, not a silently empty answer.
 */
export function authorize(endpoint: string, principal: Principal): void {
  const security = OPERATIONS[endpoint];
  if (!security) throw new Error(`No security requirement for ${endpoint}`);
  if (principal.userId === null) {
    if (security.clientCredentials) return;
    throw insufficient(
      endpoint,
      'a client-credentials token may not call it; it needs a user token',
      security,
    );
  }
  const { userScopes } = security;
  if (userScopes === null) {
    throw insufficient(endpoint, 'a user token may not call it; use a client-credentials token', security);
  }
  if (userScopes.length === 0 || userScopes.some((scope) => principal.scopes.has(scope))) return;
  throw insufficient(
    endpoint,
    `a user token needs one of the scopes ${userScopes.join(', ')}; this one has ${[...principal.scopes].join(', ') || 'none'}`,
    security,
  );
}

function insufficient(endpoint: string, why: string, security: OperationSecurity): ApiError {
  const scope = security.userScopes?.join(' ') ?? '';
  return new ApiError(403, 'INSUFFICIENT_SCOPE', `${endpoint}: ${why}`, undefined, {
    'WWW-Authenticate': `Bearer error="insufficient_scope"${scope ? `, scope="${scope}"` : ''}`,
  });
}
