import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SECRETS_DIR } from '@tidal-remedy/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.js';
import { connectRedis, deletePrefix, REDIS_URL, testPrefix } from '../support/redis.js';
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
import { kustomizeBuild, overlayDir } from './support/kustomize.js';
import { hasSource, probePortVariable, SERVICES, variablesOf } from './support/service-facts.js';

/**
 * What a container of each image does, without a Docker engine: the bundle `pnpm build` makes is laid out
 * as the Dockerfile copies it into a folder with no node_modules anywhere above it, then started with the
 * image's CMD and the environment docker-compose.yml gives it (hosts mapped to this machine, secrets at
 * their compose targets). The image's HEALTHCHECK command must then pass, and every path the Kubernetes
 * probes request must answer.
 */

const run = promisify(execFile);
const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
const compose = readComposeFile();
// Services whose code is in this checkout (the emulator's lands on its own branch).
const runnable = SERVICES.filter(hasSource);
const prefix = testPrefix('image');
let imageRoot: string;
let secretsDir: string;
let probePaths: Map<string, string[]>;
const running: RunningProcess[] = [];

beforeAll(async () => {
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

afterAll(async () => {
  for (const handle of running) handle.child.kill('SIGKILL');
  if (imageRoot) await rm(imageRoot, { recursive: true, force: true });
  const redis = connectRedis();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** The container's environment: the image's ENV, then compose's, with what only exists in compose swapped. */
function containerEnv(service: (typeof runnable)[number], port: number): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const instruction of accumulatedInstructions(dockerfile, service, 'ENV')) {
    for (const [name, value] of envPairs(instruction)) env[name] = value;
  }
  for (const [name, value] of Object.entries(compose.services[service]?.environment ?? {})) {
    env[name] = value.replace('redis://redis:6379', REDIS_URL).replace('//tidal-emulator:', '//127.0.0.1:');
  }
  env[probePortVariable(service)] = String(port);
  const reads = variablesOf(service);
  if (reads.includes('REDIS_PREFIX')) env.REDIS_PREFIX = prefix;
  if (reads.includes('FLYTE_SECRETS_DEFAULT_DIR')) env.FLYTE_SECRETS_DEFAULT_DIR = secretsDir;
  return env;
}

/** Retries the HEALTHCHECK command as Docker does during the start period. */
async function healthcheckPasses(argv: string[], env: Record<string, string>): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await runToEnd(argv, env, imageRoot)) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('runtime images', () => {
  it('cover every service whose code is here', () => {
    expect(runnable).toEqual(expect.arrayContaining(['api', 'fetcher', 'matcher', 'publisher']));
  });
});

describe.each(runnable)('the %s image', (service) => {
  it('starts from its bundle alone, passes its HEALTHCHECK, answers its probes, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = containerEnv(service, port);
    const cmd = execForm(effectiveInstruction(dockerfile, service, 'CMD')!).argv;
    const started = startProcess([process.execPath, ...cmd.slice(1)], env, imageRoot);
    running.push(started);
    const check = execForm(effectiveInstruction(dockerfile, service, 'HEALTHCHECK')!).argv;
    const healthy = await healthcheckPasses([process.execPath, ...check.slice(1)], env);
    expect(healthy, `HEALTHCHECK of ${service}; its output:\n${started.output.join('')}`).toBe(true);

    for (const probePath of probePaths.get(service) ?? []) {
      const response = await fetch(`http://127.0.0.1:${port}${probePath}`);
      expect(response.status, `${service} GET ${probePath}`).toBe(200);
    }

    started.child.kill('SIGTERM');
    expect(await started.exited, started.output.join('')).toBe(0);
  });
});
