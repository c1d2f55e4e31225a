/** Keys whose values are never logged, at any depth: tokens, secrets, passwords, auth headers, cookies. */
export const SECRET_KEY =
  /token|secret|password|passwd|authorization|cookie|api[-_]?key|credential|client_?assertion/i;

/** Keys that name where a secret lives, not what it is (`FLYTE_SECRETS_DEFAULT_DIR`, `secretName`). */
const SECRET_LOCATION_KEY = /(dir|prefix|path|file|name|url)$/i;

/** Whether a field's value must be masked. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !SECRET_LOCATION_KEY.test(key);
}

export const REDACTED = '[redacted]';

const SECRET_IN_TEXT: Array<[RegExp, string]> = [
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi, `$1${REDACTED}@`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /("?(?:access_token|refresh_token|id_token|client_secret|token|password)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
    `$1${REDACTED}`,
  ],
];

/** Replaces credentials that appear inside free text (error messages, URLs, headers dumped as text). */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_IN_TEXT) result = result.replace(pattern, replacement);
  return result;
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` with secret-named keys replaced and credentials in strings masked. Path-based redaction
 * (pino's `redact`) misses a token nested one level deeper than foreseen; this walks everything.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      isSecretKey(key) && item !== null && item !== undefined ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return copy;
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  if (error.stack) fields.stack = redactText(error.stack);
  for (const [key, item] of Object.entries(error)) {
    fields[key] = isSecretKey(key) ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  if (error.cause !== undefined) fields.cause = redactDeep(error.cause, depth + 1, seen);
  return fields;
}
