import { describe, expect, it } from 'vitest';
import { k8sSecretName, secretEnvVarName, secretEnvVarNames, secretFilePath } from './secret-ref.js';

const CREDS = { group: 'tidal-creds', key: 'json' };

describe('secretEnvVarName', () => {
  it('is upper(_UNION_ + group + _ + key) by default', () => {
    expect(secretEnvVarName(CREDS, {})).toBe('_UNION_TIDAL-CREDS_JSON');
    expect(secretEnvVarName({ group: 'remedy-api', key: 'token' }, {})).toBe('_UNION_REMEDY-API_TOKEN');
  });

  it('takes its prefix from FLYTE_SECRETS_ENV_PREFIX', () => {
    expect(secretEnvVarName(CREDS, { FLYTE_SECRETS_ENV_PREFIX: 'flyte_' })).toBe('FLYTE_TIDAL-CREDS_JSON');
  });

  it('adds the shell-safe spelling second, only when it differs', () => {
    expect(secretEnvVarNames(CREDS, {})).toEqual(['_UNION_TIDAL-CREDS_JSON', '_UNION_TIDAL_CREDS_JSON']);
    expect(secretEnvVarNames({ group: 'api', key: 'token' }, {})).toEqual(['_UNION_API_TOKEN']);
  });
});

describe('secretFilePath', () => {
  it('is /etc/flyte/secrets/<lower(group)>/<key> by default', () => {
    expect(secretFilePath(CREDS, {})).toBe('/etc/flyte/secrets/tidal-creds/json');
    expect(secretFilePath({ group: 'TIDAL-CREDS', key: 'Json' }, {})).toBe(
      '/etc/flyte/secrets/tidal-creds/Json',
    );
  });

  it('follows FLYTE_SECRETS_DEFAULT_DIR and FLYTE_SECRETS_FILE_PREFIX', () => {
    const env = { FLYTE_SECRETS_DEFAULT_DIR: '/run/secrets', FLYTE_SECRETS_FILE_PREFIX: 'p_' };
    expect(secretFilePath(CREDS, env)).toBe('/run/secrets/tidal-creds/p_json');
  });
});

describe('k8sSecretName', () => {
  it('is the group when there is one', () => {
    expect(k8sSecretName(CREDS)).toBe('tidal-creds');
  });

  it('is the md5 hex of the key without a group, as Flyte encodes it', () => {
    // Digests computed independently: `printf %s json | md5sum`, `printf %s hello | md5sum`.
    expect(k8sSecretName({ key: 'json' })).toBe('466deec76ecdf5fca6d38571f6324d54');
    expect(k8sSecretName({ group: '', key: 'hello' })).toBe('5d41402abc4b2a76b9719d911017c592');
  });
});
