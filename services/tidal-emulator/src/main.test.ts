import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FIXTURE, fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, PORT: '', TIDAL_EMULATOR_SEED: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The first JSON log line carrying `field`. */
async function logLineWith(child: ChildProcess, field: string): Promise<Record<string, unknown>> {
  for await (const line of createInterface({ input: child.stdout! })) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (field in entry) return entry;
  }
  throw new Error(`the emulator exited without logging ${field}`);
}

describe('the standalone emulator (src/main.ts)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidal-emulator-main-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a seed file on the given port and stops on SIGTERM', async () => {
    const seed = join(dir, 'seed.json');
    await writeFile(seed, JSON.stringify(fixtureSeed()));
    const child = run(['--', '--seed', seed, '--port', '0']);
    const exited = once(child, 'exit');
    try {
      const { apiUrl, authUrl } = (await logLineWith(child, 'apiUrl')) as { apiUrl: string; authUrl: string };
      expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
      const token = await fetch(authUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: FIXTURE.catalogClient.clientId,
          client_secret: FIXTURE.catalogClient.clientSecret,
        }),
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const playlist = await fetch(`${apiUrl}/playlists/${FIXTURE.playlistId}`, {
        headers: { Authorization: `Bearer ${access_token}` },
      });
      expect(playlist.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('exits 1 with a clear message when the seed is missing', async () => {
    const child = run(['--seed', join(dir, 'absent.json'), '--port', '0']);
    const [line] = await Promise.all([logLineWith(child, 'err'), once(child, 'exit')]);
    expect(child.exitCode).toBe(1);
    expect(String(line.msg)).toMatch(/Cannot read the emulator seed .*absent\.json/);
  });
});
