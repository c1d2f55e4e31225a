import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '@tidal-remedy/test-support/process';
import { describe, expect, it } from 'vitest';

/**
 * One Node everywhere: .nvmrc pins it (nvm, and .ci/run, which installs it when the machine's node differs);
 * the Dockerfile builds and runs on its image, esbuild bundles for it, the types describe it, and
 * package.json's engines admit it. Node 24 is the LTS line; Node 20 reached its end of life on 2026-04-30.
 */

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pinned = read('.nvmrc').trim();
const packageJson = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

function versionParts(version: string): number[] {
  return version.split('.').map(Number);
}

/** a >= b, comparing major, minor and patch in turn (missing parts are 0). */
function atLeast(a: number[], b: number[]): boolean {
  for (let index = 0; index < 3; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

describe('the Node version', () => {
  it('is pinned exactly in .nvmrc, on the Node 24 LTS line', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
  });

  it("is admitted by package.json's engines, whose floor is Node 24's first LTS release", () => {
    const floor = /^>=(\d+(?:\.\d+){0,2})$/.exec(packageJson.engines.node)?.[1];
    expect(floor, packageJson.engines.node).toBeDefined();
    expect(atLeast(versionParts(floor!), [24, 11, 0])).toBe(true);
    expect(atLeast(versionParts(pinned), versionParts(floor!))).toBe(true);
  });

  it('is the one @types/node describes and esbuild bundles the services for', () => {
    const major = versionParts(pinned)[0];
    expect(packageJson.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${major}\\.`));
    expect(read('scripts/build.mjs')).toContain(`target: 'node${major}'`);
  });

  it('is the one CI installs when the machine has another', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/NODE_VERSION="\$\(tr -d '\[:space:\]' < \.nvmrc\)"/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's own syntax, the text under test
    expect(ci).toContain('node-linux-${NODE_ARCH}@${NODE_VERSION}');
  });
});
