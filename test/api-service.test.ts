import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type ChildHandle, ROOT, spawnNode, spawnTs } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const TOKEN = 'service-test-token-3b9d41f07a6e';
const prefix = testPrefix('api-service');

let secretsDir: string;
let redis: Redis;
let running: ChildHandle[] = [];

beforeAll(async () => {
  secretsDir = await mkdtemp(path.join(tmpdir(), 'api-secrets-'));
  redis = connectRedis();
});
afterEach(() => {
  for (const handle of running) handle.child.kill('SIGKILL');
  running = [];
});
afterAll(async () => {
  await rm(secretsDir, { recursive: true, force: true });
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function startApi(env: NodeJS.ProcessEnv, bundle?: string): ChildHandle {
  const fullEnv = { PORT: '0', REDIS_PREFIX: prefix, FLYTE_SECRETS_DEFAULT_DIR: secretsDir, ...env };
  const handle = bundle ? spawnNode([bundle], fullEnv) : spawnTs('services/api/src/main.ts', fullEnv);
  running.push(handle);
  return handle;
}

/** The API's URL once it listens and its Redis connection is up (it listens before, answering 503). */
async function urlOf(handle: ChildHandle): Promise<string> {
  const { port } = JSON.parse(await handle.waitFor(/"msg":"listening"/));
  await handle.waitFor(/"msg":"Redis connection ready"/);
  return `http://127.0.0.1:${port}`;
}

describe('services/api as a process', () => {
  it('refuses to start without its token, listing every place it looked', async () => {
    const handle = startApi({});
    expect(await handle.exited).toBe(1);
    const output = handle.lines.join('\n');
    expect(output).toContain('Secret remedy-api/token was not found');
    expect(output).toContain('_UNION_REMEDY-API_TOKEN');
    expect(output).toContain('_UNION_REMEDY_API_TOKEN');
    expect(output).toContain(path.join(secretsDir, 'remedy-api', 'token'));
    expect(output).not.toContain('"msg":"listening"');
  });

  it('reads its token from the mounted secret file and serves with it', async () => {
    await mkdir(path.join(secretsDir, 'remedy-api'), { recursive: true });
    await writeFile(path.join(secretsDir, 'remedy-api', 'token'), `${TOKEN}\n`);
    try {
      const handle = startApi({});
      const url = await urlOf(handle);
      expect((await fetch(`${url}/v1/remedies/rem-abcdefgh`)).status).toBe(401);
      const created = await fetch(`${url}/v1/remedies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ playlist: PLAYLIST_ID }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      expect(await redis.exists(`${prefix}:remedy-fetch:${id}`)).toBe(1);

      handle.child.kill('SIGTERM');
      expect(await handle.exited).toBe(0);
      expect(handle.lines.join('\n')).not.toContain(TOKEN);
    } finally {
      await rm(path.join(secretsDir, 'remedy-api'), { recursive: true, force: true });
    }
  });

  it('starts open, with a warning, when API_AUTH is false', async () => {
    const handle = startApi({ API_AUTH: 'false' });
    const url = await urlOf(handle);
    expect((await fetch(`${url}/v1/remedies/rem-abcdefgh`)).status).toBe(404);
    expect(handle.lines.some((line) => line.includes('API_AUTH is false'))).toBe(true);
  });
});

describe('services/api as a bundle', () => {
  it('serves the queue board from its dist folder alone, as in a container', async () => {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'api'], { cwd: ROOT });
    // Outside the workspace, so nothing can be found in a node_modules.
    const image = await mkdtemp(path.join(tmpdir(), 'api-image-'));
    try {
      await cp(path.join(ROOT, 'services/api/dist'), path.join(image, 'dist'), { recursive: true });
      const handle = startApi({ '_UNION_REMEDY-API_TOKEN': TOKEN }, path.join(image, 'dist/main.js'));
      const url = await urlOf(handle);
      const headers = { authorization: `Bearer ${TOKEN}` };
      const board = await fetch(`${url}/admin/queues`, { headers });
      expect(board.status).toBe(200);
      const script = /src="(static\/[^"]+\.js)"/.exec(await board.text())?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`${url}/admin/queues/${script}`, { headers })).status).toBe(200);
      expect((await fetch(`${url}/admin/queues/api/queues`, { headers })).status).toBe(200);
    } finally {
      await rm(image, { recursive: true, force: true });
    }
  });
});
