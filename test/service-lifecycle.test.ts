import { afterEach, describe, expect, it } from 'vitest';
import { type ChildHandle, spawnTs } from './support/process.js';

const SERVICES = ['api', 'fetcher', 'matcher', 'publisher'] as const;
const PASSWORD = 'hunter2-not-for-logs';
// The API refuses to start without its token (secret remedy-api/token); the workers ignore it.
const API_TOKEN = 'api-token-not-for-logs-7c1e';

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
      REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:6379`,
      _UNION_REMEDY_API_TOKEN: API_TOKEN,
    });
    running.push(handle);
    const configLine = JSON.parse(await handle.waitFor(/"msg":"configuration"/));
    expect(configLine.name).toBe(service);
    expect(configLine.config.REDIS_URL).toBe('redis://:[redacted]@127.0.0.1:6379');
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
