import { SecretNotFoundError } from '@tidal-remedy/secrets';
import { describe, expect, it } from 'vitest';
import { missingCredentialsMessage } from './credentials-message.js';

describe('missingCredentialsMessage', () => {
  it('names --creds and the login command first, the Flyte paths after', () => {
    const error = new SecretNotFoundError({ group: 'tidal-creds', key: 'json' }, [
      { kind: 'file', path: '/etc/flyte/secrets/tidal-creds/json' },
    ]);
    const message = missingCredentialsMessage(error);
    const at = (text: string) => message.indexOf(text);
    expect(at('--creds PATH')).toBeGreaterThanOrEqual(0);
    expect(at('pnpm remedy login')).toBeGreaterThan(at('--creds PATH'));
    expect(at('/etc/flyte/secrets')).toBeGreaterThan(at('pnpm remedy login'));
  });
});
