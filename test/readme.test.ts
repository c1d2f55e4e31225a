import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '@tidal-remedy/test-support/process';
import { describe, expect, it } from 'vitest';
import { withEnvTable } from '../scripts/env-table.js';

const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every environment variable the services read (run `pnpm docs:env` after changing libs/config)', () => {
    expect(readme).toBe(withEnvTable(readme));
  });

  it('opens with the two commands a newcomer types: the demo and the tests', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('pnpm demo');
    expect(firstBlock).toContain('pnpm test');
  });

  it('gives the test command CI runs', async () => {
    const ci = await readFile(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^pnpm test$/m);
  });
});
