import { createHash } from 'node:crypto';
import path from 'node:path';

/** A secret as Flyte names it: a group (a Kubernetes Secret) and a key within it. */
export interface SecretRef {
  group: string;
  key: string;
}

/** Where a secret may come from: only env, only a mounted file, or env then file (Flyte's default). */
export type SecretMount = 'env' | 'file' | 'any';

export const DEFAULT_ENV_PREFIX = '_UNION_';
export const DEFAULT_SECRETS_DIR = '/etc/flyte/secrets';
export const DEFAULT_FILE_PREFIX = '';

type Env = NodeJS.ProcessEnv;

/** `upper(<prefix><group>_<key>)`, the prefix from `FLYTE_SECRETS_ENV_PREFIX` (default `_UNION_`). */
export function secretEnvVarName(ref: SecretRef, env: Env = process.env): string {
  const prefix = env.FLYTE_SECRETS_ENV_PREFIX ?? DEFAULT_ENV_PREFIX;
  return `${prefix}${ref.group}_${ref.key}`.toUpperCase();
}

/**
 * The variable names looked at, in order. A shell cannot export a name containing `-`
 * (`_UNION_TIDAL-CREDS_JSON`), so the same name with `-` as `_` is accepted second.
 */
export function secretEnvVarNames(ref: SecretRef, env: Env = process.env): string[] {
  const name = secretEnvVarName(ref, env);
  const shellSafe = name.replaceAll('-', '_');
  return shellSafe === name ? [name] : [name, shellSafe];
}

/**
 * `<dir>/<lower(group)>/<filePrefix><key>`, dir from `FLYTE_SECRETS_DEFAULT_DIR` (default
 * `/etc/flyte/secrets`), prefix from `FLYTE_SECRETS_FILE_PREFIX` (default empty): where Flyte's webhook
 * mounts a secret's key as a file.
 */
export function secretFilePath(ref: SecretRef, env: Env = process.env): string {
  const dir = env.FLYTE_SECRETS_DEFAULT_DIR ?? DEFAULT_SECRETS_DIR;
  const filePrefix = env.FLYTE_SECRETS_FILE_PREFIX ?? DEFAULT_FILE_PREFIX;
  return path.join(dir, ref.group.toLowerCase(), `${filePrefix}${ref.key}`);
}

/**
 * The Kubernetes Secret that holds a secret: its group, or, when no group is given, the md5 hex of the key,
 * as Flyte's `EncodeK8sSecretName` does (a Secret name must be a DNS subdomain; a key need not be).
 */
export function k8sSecretName(ref: { group?: string | undefined; key: string }): string {
  if (ref.group) return ref.group;
  return createHash('md5').update(ref.key).digest('hex');
}
