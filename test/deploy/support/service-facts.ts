import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, METRICS_SCRAPE_SECRET, serviceEnv } from '@tidal-remedy/config';
import { type SecretRef, secretFilePath } from '@tidal-remedy/secrets';
import { ROOT } from '@tidal-remedy/test-support/process';

/**
 * What the code says about each service, for the deployment files to agree with: its name, its variables
 * (libs/config), the port its probes reach, and the secrets it reads (libs/secrets).
 */

export type ServiceName = keyof typeof serviceEnv;

/** Every service the config declares; the deployment files must run each of them. */
export const SERVICES = Object.keys(serviceEnv) as ServiceName[];

/** Read by Node itself rather than by our config, and so allowed beside a service's own variables. */
export const NODE_VARIABLES = ['NODE_ENV', 'NODE_OPTIONS'];

export const TIDAL_CREDS: SecretRef = { group: 'tidal-creds', key: 'json' };
export const API_TOKEN: SecretRef = { group: 'remedy-api', key: 'token' };

/** The secrets each service reads: TIDAL credentials for the workers (design 5), the bearer token for the api (design 9). */
export const SERVICE_SECRETS: Record<ServiceName, SecretRef[]> = {
  api: [API_TOKEN],
  fetcher: [TIDAL_CREDS],
  matcher: [TIDAL_CREDS],
  publisher: [TIDAL_CREDS],
  'tidal-emulator': [],
};

/**
 * The secrets a service reads with this configuration: its own, and Prometheus's scrape credential where
 * METRICS_SCRAPE_AUTH is on (the api, in the prometheus-scrape component).
 */
export function secretsRead(service: ServiceName, env: Record<string, string>): SecretRef[] {
  const scrape = effectiveConfig(service, env).METRICS_SCRAPE_AUTH === true ? [METRICS_SCRAPE_SECRET] : [];
  return [...SERVICE_SECRETS[service], ...scrape];
}

/** Where a secret is read from when nothing moves it: the Flyte path (`FLYTE_SECRETS_*` unset). */
export function defaultSecretPath(ref: SecretRef): string {
  return secretFilePath(ref, {});
}

export function isService(name: string): name is ServiceName {
  return Object.hasOwn(serviceEnv, name);
}

/** Whether the service's code is in this checkout (services/<name>/src/main.ts). */
export function hasSource(service: ServiceName): boolean {
  return existsSync(path.join(ROOT, 'services', service, 'src/main.ts'));
}

export function variablesOf(service: ServiceName): string[] {
  return Object.keys(serviceEnv[service].shape);
}

/** Variables set for a service that neither its config schema nor Node reads: a typo, or a stale name. */
export function unknownVariables(service: ServiceName, names: Iterable<string>): string[] {
  const known = new Set([...variablesOf(service), ...NODE_VARIABLES]);
  return [...names].filter((name) => !known.has(name));
}

/** The service's configuration as its own loader reads `env`: defaults filled in, values parsed. */
export function effectiveConfig(service: ServiceName, env: Record<string, string>): Record<string, unknown> {
  return loadConfig(serviceEnv[service], env) as Record<string, unknown>;
}

/** The variable naming the port a service's probes reach: HEALTH_PORT for workers, else PORT. */
export function probePortVariable(service: ServiceName): 'HEALTH_PORT' | 'PORT' {
  return variablesOf(service).includes('HEALTH_PORT') ? 'HEALTH_PORT' : 'PORT';
}

/** The port the service listens on for probes, given the environment a deployment file sets. */
export function probePort(service: ServiceName, env: Record<string, string>): number {
  return effectiveConfig(service, env)[probePortVariable(service)] as number;
}
