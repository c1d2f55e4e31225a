import { API_TOKEN_SECRET } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import { resolveSecret } from '@tidal-remedy/secrets';

const SHORT_TOKEN = 16;

/**
 * Reads the API's bearer token, the secret remedy-api/token, from env or the mounted file. A missing or
 * empty secret throws the secrets lib's error, which lists every place looked, so the API refuses to start
 * rather than run open by accident.
 */
export async function loadApiToken(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const token = await resolveSecret({ ...API_TOKEN_SECRET, mount: 'any', env, logger });
  if (token.length < SHORT_TOKEN) {
    logger.warn(`the API token is shorter than ${SHORT_TOKEN} characters; use a long random one`);
  }
  return token;
}
