import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, spawnProcess } from '@tidal-remedy/test-support/process';
import { DEMO_ACCOUNT, seedCredentials } from '@tidal-remedy/tidal-emulator';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort } from './support/child-process.js';
import {
  type ComposeFile,
  composeSchemaErrors,
  interpolate,
  readComposeFile,
} from './support/compose-file.js';
import { effectiveInstruction, readDockerfile } from './support/dockerfile.js';
import {
  defaultSecretPath,
  effectiveConfig,
  isService,
  SERVICE_SECRETS,
  SERVICES,
  type ServiceName,
  unknownVariables,
} from './support/service-facts.js';

const compose = readComposeFile();
const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const apps = Object.entries(compose.services).filter(([name]) => isService(name)) as Array<
  [ServiceName, ComposeFile['services'][string]]
>;

function hostPort(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port}`;
}

describe('docker-compose.yml', () => {
  it('conforms to the compose spec', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('is checked by a validator that does reject a misspelled key', () => {
    const broken = structuredClone(compose);
    (broken.services.api as Record<string, unknown>).helthcheck = { test: ['CMD', 'true'] };
    expect(composeSchemaErrors(broken).map((error) => error.params)).toContainEqual({
      additionalProperty: 'helthcheck',
    });
  });

  it('interpolates like compose', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own syntax, the input under test
    expect(interpolate('${A:-x} ${B-y} $C $$D ${E}', { A: '', B: '', C: 'c' })).toBe('x  c $D ');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own syntax, the input under test
    expect(interpolate({ list: ['${A:-8080}:8080'] }, { A: '9090' })).toEqual({ list: ['9090:8080'] });
  });

  it('runs redis and every service the config declares, each built from its Dockerfile target', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['redis', ...SERVICES].sort());
    for (const [name, service] of apps) {
      expect(service.build, name).toEqual({ context: '.', target: name });
      expect(service.image, name).toBe(`tidal-remedy/${name}:local`);
      expect(
        dockerfile.stages.map((stage) => stage.name),
        name,
      ).toContain(name);
    }
  });

  it("sets only variables each service's config schema reads", () => {
    for (const [name, service] of apps) {
      expect(unknownVariables(name, Object.keys(service.environment ?? {})), name).toEqual([]);
      // and the service's own loader accepts the values
      expect(() => effectiveConfig(name, service.environment ?? {}), name).not.toThrow();
    }
  });

  it('mounts each secret a service reads at the path the secrets lib reads it from', () => {
    for (const [name, service] of apps) {
      const mounted = (service.secrets ?? []).map((secret) => ({
        source: secret.source,
        target: secret.target,
      }));
      const expected = SERVICE_SECRETS[name].map((ref) => ({
        source: ref.group,
        target: defaultSecretPath(ref),
      }));
      expect(mounted, name).toEqual(expected);
    }
  });

  it('gives every secret a committed sample file by default', () => {
    for (const [name, secret] of Object.entries(compose.secrets ?? {})) {
      expect(secret.file, name).toMatch(/^\.\/deploy\/secrets\/.+\.sample/);
      expect(existsSync(path.join(ROOT, secret.file ?? '')), name).toBe(true);
    }
    const creds = JSON.parse(readFileSync(path.join(ROOT, 'deploy/secrets/tidal-creds.sample.json'), 'utf8'));
    // TIDAL's OAuth token JSON, for the emulator's demo client and user.
    expect(creds).toEqual(seedCredentials(DEMO_ACCOUNT));
  });

  it('takes real credentials from a file named in the environment', () => {
    const real = readComposeFile(undefined, {
      TIDAL_CREDS_FILE: './secrets/tidal-creds.json',
      REMEDY_API_TOKEN_FILE: './secrets/remedy-api-token',
    });
    expect(real.secrets?.['tidal-creds']?.file).toBe('./secrets/tidal-creds.json');
    expect(real.secrets?.['remedy-api']?.file).toBe('./secrets/remedy-api-token');
  });

  it("publishes the api's port, the one its config listens on", () => {
    const api = compose.services.api;
    const port = effectiveConfig('api', api?.environment ?? {}).PORT;
    expect(api?.ports).toEqual([`8080:${port}`]);
  });

  it('runs Redis as BullMQ needs it: noeviction, an append-only file on a named volume, a health check', () => {
    const redis = compose.services.redis;
    const command = (redis?.command ?? []).join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
    // in the image's working directory (redis' default `dir ./`), which the named volume holds
    expect(command).not.toMatch(/--dir/);
    const [volume, target] = (redis?.volumes as string[] | undefined)?.[0]?.split(':') ?? [];
    expect(target).toBe('/data');
    expect(Object.keys((compose.volumes ?? {}) as Record<string, unknown>)).toContain(volume);
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('keeps the data across `docker compose restart`: Redis stopped (SIGTERM) and started on the same volume', async () => {
    const [binary, ...args] = compose.services.redis?.command ?? [];
    // the volume: a directory that outlives the process, as Redis's working directory
    const volume = await mkdtemp(path.join(os.tmpdir(), 'tr-compose-redis-'));
    const port = await freePort();
    const start = async () => {
      const handle = spawnProcess(binary ?? '', [
        ...args,
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        volume,
      ]);
      await handle.waitFor(/Ready to accept connections/, 10_000);
      return handle;
    };
    const client = () => new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      const first = await start();
      const writer = client();
      await writer.set('{tidal-remedy}:remedy:rem-kept', 'queued');
      await writer.quit();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = await start();
      const reader = client();
      try {
        expect(await reader.get('{tidal-remedy}:remedy:rem-kept')).toBe('queued');
      } finally {
        await reader.quit();
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      await rm(volume, { recursive: true, force: true });
    }
  });

  it('starts the services once Redis is healthy, and the workers once the emulator is', () => {
    for (const [name, service] of apps) {
      if (name === 'tidal-emulator') continue;
      expect(service.depends_on?.redis, name).toEqual({ condition: 'service_healthy' });
      if (SERVICE_SECRETS[name].some((ref) => ref.group === 'tidal-creds')) {
        expect(service.depends_on?.['tidal-emulator'], name).toEqual({ condition: 'service_healthy' });
      }
    }
  });

  it('waits for health only on services that have a health check (in compose or in their image)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        if (condition !== 'service_healthy') continue;
        const checked =
          compose.services[dependency]?.healthcheck !== undefined ||
          effectiveInstruction(dockerfile, dependency, 'HEALTHCHECK') !== null;
        expect(checked, `${name} waits for ${dependency} to be healthy`).toBe(true);
      }
    }
  });

  it('points every client of Redis at the redis service', () => {
    for (const [name, service] of apps) {
      const url = service.environment?.REDIS_URL;
      if (url === undefined) continue;
      expect(hostPort(url), name).toBe('redis:6379');
    }
  });

  it("points the workers at the emulator, on its port, at TIDAL's own paths", () => {
    const emulatorPort = effectiveConfig(
      'tidal-emulator',
      compose.services['tidal-emulator']?.environment ?? {},
    ).PORT as number;
    const real = effectiveConfig('fetcher', {});
    for (const [name, service] of apps) {
      if (unknownVariables(name, ['TIDAL_API_URL']).length > 0) continue;
      const config = effectiveConfig(name, service.environment ?? {});
      for (const variable of ['TIDAL_API_URL', 'TIDAL_AUTH_URL']) {
        const url = new URL(config[variable] as string);
        expect(`${url.hostname}:${url.port}`, `${name} ${variable}`).toBe(`tidal-emulator:${emulatorPort}`);
        expect(url.pathname, `${name} ${variable}`).toBe(new URL(real[variable] as string).pathname);
      }
    }
  });

  it('hardens every service built here: read-only root, no capabilities, no privilege gain', () => {
    for (const [name, service] of apps) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
    }
  });
});
