import { type ChildHandle, spawnTs } from '@tidal-remedy/test-support/process';
import { redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import { DEMO_ACCOUNT, seedCredentials } from '@tidal-remedy/tidal-emulator';
import { afterEach, describe, expect, it } from 'vitest';

const SERVICES = ['api', 'fetcher', 'matcher', 'publisher'] as const;
const WORKERS = ['fetcher', 'matcher', 'publisher'] as const;
const PASSWORD = 'hunter2-not-for-logs';
const CREDENTIALS = JSON.stringify(seedCredentials(DEMO_ACCOUNT));
// The API refuses to start without its token (secret remedy-api/token); the workers ignore it.
const API_TOKEN = 'api-token-not-for-logs-7c1e';
// The test Redis, with a password it does not ask for: what is checked is that the log masks it.
const REDIS_HOST = new URL(redisUrl()).host;

let running: ChildHandle[] = [];
afterEach(() => {
  for (const handle of running) handle.child.kill('SIGKILL');
  running = [];
});

describe.each(SERVICES)('services/%s', (service) => {
  it('starts, logs its configuration with credentials masked, and stops on SIGTERM', async () => {
    const handle = spawnTs(`services/${service}/src/main.ts`, {
      PORT: '0',
      HEALTH_PORT: '0',
      REDIS_URL: `redis://:${PASSWORD}@${REDIS_HOST}`,
      REDIS_PREFIX: testPrefix('lifecycle'),
      _UNION_TIDAL_CREDS_JSON: CREDENTIALS,
      _UNION_REMEDY_API_TOKEN: API_TOKEN,
    });
    running.push(handle);
    const configLine = JSON.parse(await handle.waitFor(/"msg":"configuration"/));
    expect(configLine.name).toBe(service);
    expect(configLine.config.REDIS_URL).toBe(`redis://:[redacted]@${REDIS_HOST}`);
    await handle.waitFor(/"msg":"started"/);

    handle.child.kill('SIGTERM');
    expect(await handle.exited).toBe(0);
    expect(handle.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    expect(handle.lines.join('\n')).not.toContain(PASSWORD);
    expect(handle.lines.join('\n')).not.toContain(API_TOKEN);
  });

  it('refuses to start with a bad environment, naming the variable', async () => {
    const handle = spawnTs(`services/${service}/src/main.ts`, { LOG_LEVEL: 'chatty' });
    running.push(handle);
    expect(await handle.exited).toBe(1);
    expect(handle.lines.join('\n')).toContain('LOG_LEVEL: ');
  });
});

describe.each(WORKERS)('services/%s without TIDAL credentials', (service) => {
  it('refuses to start, listing every place it looked', async () => {
    const handle = spawnTs(`services/${service}/src/main.ts`, {
      HEALTH_PORT: '0',
      FLYTE_SECRETS_DEFAULT_DIR: '/nonexistent/secrets',
    });
    running.push(handle);
    expect(await handle.exited).toBe(1);
    const output = handle.lines.join('\n');
    expect(output).toContain('Secret tidal-creds/json was not found');
    expect(output).toContain('_UNION_TIDAL-CREDS_JSON');
    expect(output).toContain('/nonexistent/secrets/tidal-creds/json');
  });
});
