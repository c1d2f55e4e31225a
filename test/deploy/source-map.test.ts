import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decode } from '@jridgewell/sourcemap-codec';
import { ROOT } from '@tidal-remedy/test-support/process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSource, SERVICES } from './support/service-facts.js';

/**
 * What `pnpm build` leaves for Node to hold in memory (bench/README.md, "Peak memory"): every worker runs
 * with --enable-source-maps, and Node decodes a bundle's whole map at start (pino's logger asks for its
 * call sites), so the map must cover our own files only, without their text; and one character outside
 * ASCII would make V8 hold the whole bundle at two bytes a character. Stack traces must still name our
 * TypeScript files and lines.
 */

const run = promisify(execFile);
const services = SERVICES.filter(hasSource);
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'tr-source-map-'));
  await run(process.execPath, ['scripts/build.mjs', '--out', out, ...services], { cwd: ROOT });
}, 120_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: unknown;
}

const readMap = async (service: string): Promise<SourceMap> =>
  JSON.parse(await readFile(path.join(out, service, 'main.js.map'), 'utf8')) as SourceMap;

describe.each(services)('the %s bundle', (service) => {
  it("maps to this repository's own TypeScript files only, without their text", async () => {
    const map = await readMap(service);
    const files = map.sources.map((source) => path.resolve(out, service, source));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(path.relative(ROOT, file), file).not.toMatch(/^\.\.|node_modules/);
      expect(file).toMatch(/\.tsx?$/);
    }
    expect(map.sourcesContent).toBeUndefined();
    // Every segment points at a source and a name the map has (the map was rewritten after esbuild).
    for (const line of decode(map.mappings)) {
      for (const segment of line) {
        expect(segment.length).toBeGreaterThanOrEqual(4);
        expect(map.sources[segment[1] ?? -1]).toBeDefined();
        if (segment.length === 5) expect(map.names[segment[4]]).toBeDefined();
      }
    }
  });

  it('is ASCII', async () => {
    const bundle = await readFile(path.join(out, service, 'main.js'), 'latin1');
    const first = [...bundle].findIndex((char) => char.charCodeAt(0) > 0x7f);
    expect(first, `a byte outside ASCII at ${first}: ${bundle.slice(first - 40, first + 10)}`).toBe(-1);
  });
});

it('still maps a stack frame of our code to its TypeScript file and line', async () => {
  // The fetcher without its TIDAL credentials fails at start, and logs the error's stack.
  const result = await run(process.execPath, ['--enable-source-maps', path.join(out, 'fetcher', 'main.js')], {
    cwd: out,
    env: { PATH: process.env.PATH ?? '', REDIS_URL: 'redis://127.0.0.1:1' },
  }).then(
    () => ({ stdout: '' }),
    (error: { stdout: string }) => error,
  );
  expect(result.stdout).toMatch(/at findSecret \([^)]*libs\/secrets\/src\/resolve\.ts:\d+:\d+\)/);
});
