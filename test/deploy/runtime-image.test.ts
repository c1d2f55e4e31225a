import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SECRETS_DIR } from '@tidal-remedy/secrets';
import { submitRemedy, waitForRemedy } from '@tidal-remedy/test-support/pipeline';
import { ROOT } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import { DEMO_ACCOUNT } from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningProcess, runToEnd, startProcess } from './support/child-process.js';
import { readComposeFile } from './support/compose-file.js';
import {
  accumulatedInstructions,
  effectiveInstruction,
  envPairs,
  execForm,
  readDockerfile,
} from './support/dockerfile.js';
import { asDeployment } from './support/kubernetes-models.js';
import { kustomizeBuild, kustomizeBuildWith, named, overlayDir } from './support/kustomize.js';
import { containerEnv as manifestEnv, secretVolumes } from './support/pod-spec.js';
import {
  hasSource,
  probePortVariable,
  SERVICES,
  type ServiceName,
  variablesOf,
} from './support/service-facts.js';

/**
 * What a container of each image does, without a Docker engine: the bundles `pnpm build` makes are laid
 * out as the Dockerfile copies them, in a folder with no node_modules anywhere above it, and started with
 * the image's CMD and the environment docker-compose.yml gives them (its hosts mapped to this machine, its
 * secrets at their targets). Each image's HEALTHCHECK must pass and every path its Kubernetes probes request
 * must answer; together, emulator and workers must remedy the demo playlist.
 */

const run = promisify(execFile);
const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const compose = readComposeFile();
// Services whose code is in this checkout.
const runnable = SERVICES.filter(hasSource);
const prefix = testPrefix('image');
let imageRoot: string;
let secretsDir: string;
let probePaths: Map<string, string[]>;
let redis: Redis;
let started: RunningProcess[] = [];

beforeAll(async () => {
  redis = connectRedis();
  await run(process.execPath, ['scripts/build.mjs', ...runnable], { cwd: ROOT });
  imageRoot = await mkdtemp(path.join(os.tmpdir(), 'tr-image-'));
  // Node resolves packages from every node_modules above a file: there must be none, as in the image.
  for (let dir = imageRoot; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    expect(existsSync(path.join(dir, 'node_modules')), dir).toBe(false);
  }
  for (const service of runnable) {
    for (const copy of accumulatedInstructions(dockerfile, service, 'COPY')) {
      const [from, source, destination] = copy.args.split(/\s+/);
      expect(from).toBe('--from=build');
      await cp(
        path.join(ROOT, path.relative('/workspace', source ?? '')),
        path.join(imageRoot, destination ?? ''),
        {
          recursive: true,
        },
      );
    }
  }
  // compose mounts each secret file at its target, under the Flyte directory
  secretsDir = path.join(imageRoot, 'flyte-secrets');
  for (const service of Object.values(compose.services)) {
    for (const secret of service.secrets ?? []) {
      const relative = path.relative(DEFAULT_SECRETS_DIR, secret.target ?? '');
      expect(relative.startsWith('..'), secret.target).toBe(false);
      await mkdir(path.dirname(path.join(secretsDir, relative)), { recursive: true });
      await cp(
        path.join(ROOT, compose.secrets?.[secret.source]?.file ?? ''),
        path.join(secretsDir, relative),
      );
    }
  }
  probePaths = new Map(
    (await kustomizeBuild(overlayDir('local')))
      .filter((object) => object.kind === 'Deployment')
      .map((object) => {
        const container = asDeployment(object).spec?.template.spec?.containers[0];
        const paths = [container?.readinessProbe, container?.livenessProbe].flatMap((probe) =>
          probe?.httpGet?.path ? [probe.httpGet.path] : [],
        );
        return [object.metadata.name, paths];
      }),
  );
}, 120_000);

afterEach(async () => {
  for (const handle of started) {
    if (handle.child.exitCode === null && handle.child.signalCode === null) handle.child.kill('SIGTERM');
    await handle.exited;
  }
  started = [];
});

afterAll(async () => {
  if (imageRoot) await rm(imageRoot, { recursive: true, force: true });
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/**
 * The container's environment: the image's ENV, then compose's, with compose's hosts replaced by this
 * machine's (its Redis, the emulator on `emulatorPort`), the probe port free, keys under a test prefix.
 */
function containerEnv(service: ServiceName, port: number, emulatorPort = 0): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const instruction of accumulatedInstructions(dockerfile, service, 'ENV')) {
    for (const [name, value] of envPairs(instruction)) env[name] = value;
  }
  const emulatorHost = `//tidal-emulator:${compose.services['tidal-emulator']?.environment?.PORT}`;
  for (const [name, value] of Object.entries(compose.services[service]?.environment ?? {})) {
    env[name] = value
      .replace('redis://redis:6379', redisUrl())
      .replace(emulatorHost, `//127.0.0.1:${emulatorPort}`);
  }
  env[probePortVariable(service)] = String(port);
  const reads = variablesOf(service);
  if (reads.includes('REDIS_PREFIX')) env.REDIS_PREFIX = prefix;
  if (reads.includes('FLYTE_SECRETS_DEFAULT_DIR')) env.FLYTE_SECRETS_DEFAULT_DIR = secretsDir;
  return env;
}

/** Starts a service's image CMD and waits, as Docker's start period does, until its HEALTHCHECK passes. */
async function startImage(service: ServiceName, env: Record<string, string>): Promise<RunningProcess> {
  const cmd = execForm(effectiveInstruction(dockerfile, service, 'CMD')!).argv;
  const handle = startProcess([process.execPath, ...cmd.slice(1)], env, imageRoot);
  started.push(handle);
  const check = execForm(effectiveInstruction(dockerfile, service, 'HEALTHCHECK')!).argv;
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await runToEnd([process.execPath, ...check.slice(1)], env, imageRoot)) === 0) return handle;
    if (handle.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the HEALTHCHECK of ${service} never passed; its output:\n${handle.output.join('')}`);
}

describe('runtime images', () => {
  it('cover every service', () => {
    expect(runnable).toEqual(SERVICES);
  });
});

describe.each(runnable)('the %s image', (service) => {
  it('starts from its bundle alone, passes its HEALTHCHECK, answers its probes, and stops on SIGTERM', async () => {
    const emulatorPort = service === 'tidal-emulator' ? 0 : await freePort();
    const port = await freePort();
    const handle = await startImage(service, containerEnv(service, port, emulatorPort));
    for (const probePath of probePaths.get(service) ?? []) {
      const response = await fetch(`http://127.0.0.1:${port}${probePath}`);
      expect(response.status, `${service} GET ${probePath}`).toBe(200);
    }
    handle.child.kill('SIGTERM');
    expect(await handle.exited, handle.output.join('')).toBe(0);
  });
});

describe('the api image as the prometheus-scrape component configures it', () => {
  it("serves the ServiceMonitor's path to the credential the ServiceMonitor sends, and nothing else to it", async () => {
    const objects = await kustomizeBuildWith('production', ['prometheus-scrape']);
    const monitor = named(objects, 'ServiceMonitor', 'api') as unknown as {
      spec: {
        endpoints: Array<{ path: string; authorization: { credentials: { name: string; key: string } } }>;
      };
    };
    const [endpoint] = monitor.spec.endpoints;
    const pod = asDeployment(named(objects, 'Deployment', 'api')!).spec!.template.spec!;
    const container = pod.containers[0]!;
    // The Secret the ServiceMonitor names, with a value, mounted where the Deployment mounts it.
    const { name, key } = endpoint!.authorization.credentials;
    const volume = [...secretVolumes(pod).entries()].find(([, secret]) => secret === name)?.[0];
    const mount = container.volumeMounts?.find((candidate) => candidate.name === volume);
    expect(mount, `the api mounts the Secret ${name}`).toBeDefined();
    const credential = 'scrape-credential-for-the-image-test-7d2c';
    const file = path.join(secretsDir, path.relative(DEFAULT_SECRETS_DIR, mount!.mountPath), key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, credential);
    try {
      const port = await freePort();
      const env = { ...containerEnv('api', port), ...manifestEnv(objects, container).literals };
      env.PORT = String(port);
      delete env.PUBLIC_URL;
      await startImage('api', env);
      const scrape = (url: string) => fetch(url, { headers: { authorization: `Bearer ${credential}` } });
      const metrics = await scrape(`http://127.0.0.1:${port}${endpoint!.path}`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^# HELP /m);
      expect((await scrape(`http://127.0.0.1:${port}/v1/watches`)).status).toBe(401);
    } finally {
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe('the compose stack without Docker: the emulator and the three workers from their images', () => {
  it('remedies the demo playlist with the sample credentials', async () => {
    const emulatorPort = await freePort();
    await startImage('tidal-emulator', containerEnv('tidal-emulator', emulatorPort));
    for (const worker of ['fetcher', 'matcher', 'publisher'] as const) {
      await startImage(worker, containerEnv(worker, await freePort(), emulatorPort));
    }
    const id = await submitRemedy(redis, prefix, {
      playlist: DEMO_ACCOUNT.playlistId,
      mode: 'new',
      unmatched: 'keep',
      countryCode: DEMO_ACCOUNT.countryCode,
      refresh: false,
    });
    const record = await waitForRemedy(redis, prefix, id);
    expect(record.error, record.error?.message).toBeNull();
    expect(record.state).toBe('done');
  });
});
