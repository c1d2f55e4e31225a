import type { SecretNotFoundError } from '@tidal-remedy/secrets';

/**
 * No TIDAL credentials: what a person at a terminal can do first (`--creds`, `pnpm remedy login`, the
 * emulator), and only then the places the services and Flyte read them from.
 */
export function missingCredentialsMessage(error: SecretNotFoundError): string {
  return (
    'No TIDAL credentials were found. Give them with --creds PATH (a JSON file with client_id, ' +
    'client_secret and refresh_token), or sign in once with `pnpm remedy login`; or try it against the ' +
    'emulator with --emulator.\n\n' +
    `Where the services and Flyte read them from: ${error.message}`
  );
}
