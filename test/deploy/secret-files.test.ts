import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '@tidal-remedy/test-support/process';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Whether git ignores a path (whether or not it exists or is tracked). */
async function gitIgnores(file: string): Promise<boolean> {
  try {
    await run('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: ROOT });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 1) return false;
    throw error;
  }
}

describe('credentials on disk', () => {
  it('are kept out of git, but for the committed samples', async () => {
    expect(await gitIgnores('secrets/tidal-creds.json')).toBe(true);
    expect(await gitIgnores('secrets/remedy-api-token')).toBe(true);
    expect(await gitIgnores('deploy/secrets/tidal-creds.json')).toBe(true);
    expect(await gitIgnores('deploy/secrets/tidal-creds.sample.json')).toBe(false);
    expect(await gitIgnores('deploy/secrets/remedy-api-token.sample')).toBe(false);
  });

  it('do not hide the secrets lib from git', async () => {
    expect(await gitIgnores('libs/secrets/src/index.ts')).toBe(false);
  });

  it('never enter the Docker build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['secrets', 'deploy/secrets', '.env', '.git']));
  });
});
