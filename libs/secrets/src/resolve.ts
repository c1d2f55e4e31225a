import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { SecretInvalidError, SecretNotFoundError, type SecretSource } from './errors.js';
import { type SecretMount, type SecretRef, secretEnvVarNames, secretFilePath } from './secret-ref.js';

/** The little of a logger the resolver uses; a pino logger fits. */
export interface SecretLogger {
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface ResolveSecretOptions extends SecretRef {
  /** `env`: only the environment; `file`: only the mounted file; `any` (default): env, then file. */
  mount?: SecretMount;
  /** An explicit file (CLI `--creds`, `TIDAL_CREDS_PATH`): wins over env and the mounted file. */
  path?: string | undefined;
  env?: NodeJS.ProcessEnv;
  logger?: SecretLogger;
}

type ReadResult = { found: true; value: string } | { found: false };

/**
 * Resolves a secret the way Flyte injects it: an explicit path first, else (per `mount`) the environment
 * variable, then the mounted file. Surrounding whitespace is trimmed, because a file written with `echo` or
 * a `kubectl create secret --from-file` of such a file ends in a newline that is not part of the token.
 */
export async function resolveSecret(options: ResolveSecretOptions): Promise<string> {
  return (await findSecret(options)).value;
}

async function findSecret(options: ResolveSecretOptions): Promise<{ value: string; source: SecretSource }> {
  const { group, key, mount = 'any', path, env = process.env, logger } = options;
  const ref = { group, key };
  const looked: SecretSource[] = [];

  const accept = (source: SecretSource, raw: string) => {
    const value = raw.trim();
    if (value === '') throw new SecretInvalidError(ref, source, 'it is empty; put the secret value there.');
    logger?.debug({ secret: `${group}/${key}`, source: source.kind }, 'secret resolved');
    return { value, source };
  };

  if (path !== undefined && path !== '') {
    const source: SecretSource = { kind: 'path', path };
    looked.push(source);
    const read = await readSecretFile(ref, source);
    if (read.found) return accept(source, read.value);
    throw new SecretNotFoundError(ref, looked);
  }

  if (mount === 'env' || mount === 'any') {
    for (const name of secretEnvVarNames(ref, env)) {
      const source: SecretSource = { kind: 'env', name };
      looked.push(source);
      const value = env[name];
      if (value !== undefined) return accept(source, value);
    }
  }

  if (mount === 'file' || mount === 'any') {
    const source: SecretSource = { kind: 'file', path: secretFilePath(ref, env) };
    looked.push(source);
    const read = await readSecretFile(ref, source);
    if (read.found) return accept(source, read.value);
  }

  throw new SecretNotFoundError(ref, looked);
}

async function readSecretFile(ref: SecretRef, source: SecretSource & { path: string }): Promise<ReadResult> {
  try {
    return { found: true, value: await readFile(source.path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false };
    if (code === 'EISDIR') {
      throw new SecretInvalidError(ref, source, 'it is a directory; expected a file holding the secret.');
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new SecretInvalidError(
        ref,
        source,
        'it cannot be read (permission denied); make it readable by this process.',
      );
    }
    throw new SecretInvalidError(ref, source, `it cannot be read (${code ?? 'unknown error'}).`);
  }
}

/**
 * Resolves a JSON secret and validates it with `schema`. A failure names the field and what was expected,
 * never the value: JSON.parse's own message quotes the input, so it is not used.
 */
export async function resolveJsonSecret<Schema extends z.ZodType>(
  schema: Schema,
  options: ResolveSecretOptions,
): Promise<z.output<Schema>> {
  const ref = { group: options.group, key: options.key };
  const { value: raw, source } = await findSecret(options);

  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SecretInvalidError(ref, source, 'it is not valid JSON; expected a JSON object.');
  }

  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(the whole document)';
    return `field ${field}: ${issue.message}`;
  });
  throw new SecretInvalidError(ref, source, scrub(problems.join('; '), parsed));
}

/**
 * Validation messages are ours and zod's, which name types and fields, not values; this is the belt to
 * those braces, for custom refinements that might quote their input.
 */
function scrub(message: string, document: unknown): string {
  let scrubbed = message;
  for (const value of leafStrings(document)) {
    if (value.length >= 4) scrubbed = scrubbed.replaceAll(value, '[redacted]');
  }
  return scrubbed;
}

function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leafStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}
