import { API_TOKEN_SECRET, METRICS_SCRAPE_SECRET } from '@tidal-remedy/config';
import type { Logger } from '@tidal-remedy/log';
import { resolveSecret, type SecretRef } from '@tidal-remedy/secrets';

const SHORT_TOKEN = 16;

/**
 * Reads a bearer token the API checks, from env or the mounted file. A missing or empty secret throws the
 * secrets lib's error, which lists every place looked, so the API refuses to start rather than run open (or,
 * for the scrape credential, leave Prometheus locked out) by accident.
 */
async function loadToken(ref: SecretRef, logger: Logger, env: NodeJS.ProcessEnv): Promise<string> {
  const token = await resolveSecret({ ...ref, mount: 'any', env, logger });
  if (token.length < SHORT_TOKEN) {
    logger.warn(
      `the secret ${ref.group}/${ref.key} is shorter than ${SHORT_TOKEN} characters; use a long random one`,
    );
  }
  return token;
}

/** The API's bearer token, the secret remedy-api/token. */
export function loadApiToken(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return loadToken(API_TOKEN_SECRET, logger, env);
}

/** Prometheus's scrape credential, the secret remedy-metrics/token (METRICS_SCRAPE_AUTH). */
export function loadScrapeToken(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return loadToken(METRICS_SCRAPE_SECRET, logger, env);
}
