import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { type CliConfig, TIDAL_CREDS_SECRET } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import { resolveJsonSecret, SecretNotFoundError } from '@tidal-remedy/secrets';
import { type StoredToken, type TidalCredentials, TidalCredentialsSchema } from '@tidal-remedy/tidal';

/** A credentials file that cannot be written: the message says which and what to do. */
export class CredsFileError extends Error {
  override readonly name = 'CredsFileError';
}

/** Where `pnpm remedy login` writes by default: `$XDG_CONFIG_HOME/tidal-remedy/tidal-creds.json`. */
export function defaultCredsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'tidal-remedy', 'tidal-creds.json');
}

/**
 * Checks, before a login starts, that `file` can be written: not a directory, its folder creatable and
 * writable. Creates the folder (mode 0700) when missing; writes nothing else.
 */
export async function ensureWritable(file: string): Promise<void> {
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) {
    throw new CredsFileError(
      `${file} is a directory; give --creds a file path such as ${path.join(file, 'tidal-creds.json')}.`,
    );
  }
  const dir = path.dirname(file);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
    if (existing) await access(file, constants.W_OK);
  } catch (error) {
    throw new CredsFileError(
      `Cannot write the credentials to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give --creds a path you may write.`,
    );
  }
}

/** Writes JSON to `file` atomically (a temporary file beside it, renamed over it), readable only by you. */
export function writeCredsFile(file: string, document: Record<string, unknown>): void {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CredsFileError(
      `Cannot write the credentials to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
}

/** The credentials file's fields for a renewed token, kept where the login put them. */
export function writeBackRenewed(file: string, token: StoredToken): void {
  let document: Record<string, unknown> = {};
  try {
    document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  writeCredsFile(file, {
    ...document,
    access_token: token.accessToken,
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
    ...(token.expiresAt ? { expires_at: Math.floor(token.expiresAt / 1000) } : {}),
    ...(token.scopes ? { scope: token.scopes.join(' ') } : {}),
  });
}

/**
 * The CLI's TIDAL credentials: `--creds`, else TIDAL_CREDS_PATH, else the Flyte sources (env, mounted
 * file), else the file `pnpm remedy login` wrote. `file` is the file they came from when the CLI may
 * write renewed tokens back to it (null for the Flyte sources).
 */
export async function resolveCliCredentials(
  explicit: string | undefined,
  config: CliConfig,
  logger: Logger,
): Promise<{ credentials: TidalCredentials; file: string | null }> {
  const given = explicit ?? config.TIDAL_CREDS_PATH;
  if (given) {
    const credentials = await resolveJsonSecret(TidalCredentialsSchema, {
      ...TIDAL_CREDS_SECRET,
      path: given,
      logger,
    });
    return { credentials, file: given };
  }
  try {
    return {
      credentials: await resolveJsonSecret(TidalCredentialsSchema, { ...TIDAL_CREDS_SECRET, logger }),
      file: null,
    };
  } catch (error) {
    const fallback = defaultCredsPath();
    if (!(error instanceof SecretNotFoundError) || !existsSync(fallback)) {
      if (error instanceof SecretNotFoundError) {
        error.message += `\nOr log in to TIDAL with \`pnpm remedy login --client-id <your app's id>\` (writes ${fallback}).`;
      }
      throw error;
    }
    const credentials = await resolveJsonSecret(TidalCredentialsSchema, {
      ...TIDAL_CREDS_SECRET,
      path: fallback,
      logger,
    });
    return { credentials, file: fallback };
  }
}
