import { z } from 'zod';
import { InvalidCredentialsError } from './errors.js';
import { formatPath } from './zod-path.js';

/**
 * The `tidal-creds` secret. Two shapes are accepted:
 * - TIDAL's own OAuth token JSON: `client_id`, optional `client_secret`, `access_token`, `refresh_token`,
 *   and `expires_at` (epoch seconds or ms, or an ISO time) or `expiry_time`;
 * - a Python `tidalapi` session file: `token_type`, `access_token`, `refresh_token`, `expiry_time`, each
 *   either plain or wrapped as `{ "data": … }` (how `Session.save_session_to_file` writes them); add a
 *   `client_id` to let the client renew the token.
 * Unknown fields are ignored. A bad field is named, its value never shown.
 */

/** `{ "data": X }` → X, as tidalapi session files wrap every value. */
const unwrap = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'data' in value
    ? (value as { data: unknown }).data
    : value;

const optionalString = z.preprocess(unwrap, z.string().min(1).nullish());

/** Epoch seconds, epoch ms, or an ISO time (tidalapi's `expiry_time` is ISO without a zone: UTC). */
const expiry = z.preprocess(
  unwrap,
  z
    .union([z.number().positive(), z.string().min(1)])
    .nullish()
    .transform((value, ctx) => {
      if (value === null || value === undefined) return null;
      if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
      const numeric = Number(value);
      if (Number.isFinite(numeric)) return numeric < 1e12 ? numeric * 1000 : numeric;
      const hasZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value);
      const ms = Date.parse(hasZone ? value : `${value}Z`);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: 'custom', message: 'expected epoch seconds or an ISO-8601 time' });
        return z.NEVER;
      }
      return ms;
    }),
);

export const TidalCredentialsSchema = z
  .object({
    client_id: optionalString,
    client_secret: optionalString,
    access_token: optionalString,
    refresh_token: optionalString,
    token_type: optionalString,
    expires_at: expiry,
    expiry_time: expiry,
    /** The token's scopes, space-separated, as TIDAL's token response has them (`pnpm remedy login` keeps it). */
    scope: optionalString,
    user_id: z.preprocess(unwrap, z.union([z.string().min(1), z.number()]).nullish()),
  })
  .transform((raw, ctx) => {
    const credentials: TidalCredentials = {
      clientId: raw.client_id ?? null,
      clientSecret: raw.client_secret ?? null,
      accessToken: raw.access_token ?? null,
      refreshToken: raw.refresh_token ?? null,
      expiresAt: raw.expires_at ?? raw.expiry_time ?? null,
    };
    if (raw.scope) credentials.scopes = raw.scope.split(/\s+/).filter(Boolean);
    if (raw.user_id !== null && raw.user_id !== undefined) credentials.userId = String(raw.user_id);
    if (raw.token_type && raw.token_type.toLowerCase() !== 'bearer') {
      ctx.addIssue({ code: 'custom', path: ['token_type'], message: 'only Bearer tokens are supported' });
    }
    const renewable =
      credentials.clientId !== null && (credentials.refreshToken ?? credentials.clientSecret) !== null;
    if (credentials.accessToken === null && !renewable) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          credentials.refreshToken !== null
            ? 'a refresh_token needs the client_id it was issued to'
            : 'need an access_token, or a client_id with a refresh_token or a client_secret',
      });
    }
    return credentials;
  });

/** Credentials in the client's own terms; `expiresAt` in ms since the epoch, null when unknown. */
export interface TidalCredentials {
  clientId: string | null;
  clientSecret: string | null;
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: number | null;
  /** The scopes the token was granted, when the credentials say (a file `pnpm remedy login` wrote does). */
  scopes?: string[];
  /** The TIDAL user the token acts for, when the credentials say. */
  userId?: string;
}

/** Validates a parsed `tidal-creds` JSON value; throws InvalidCredentialsError naming the bad fields. */
export function parseTidalCredentials(input: unknown): TidalCredentials {
  const result = TidalCredentialsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidCredentialsError(
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  );
}
