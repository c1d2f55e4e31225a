export { describeSource, SecretInvalidError, SecretNotFoundError, type SecretSource } from './errors.js';
export { type ResolveSecretOptions, resolveJsonSecret, resolveSecret, type SecretLogger } from './resolve.js';
export {
  DEFAULT_ENV_PREFIX,
  DEFAULT_FILE_PREFIX,
  DEFAULT_SECRETS_DIR,
  k8sSecretName,
  type SecretMount,
  type SecretRef,
  secretEnvVarName,
  secretEnvVarNames,
  secretFilePath,
} from './secret-ref.js';
