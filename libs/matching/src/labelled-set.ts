import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabelledCase, LabelledFileSchema } from './labelled-case.js';

/** Where the labelled set lives: libs/matching/fixtures. */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export class LabelledSetError extends Error {
  override readonly name = 'LabelledSetError';
}

/**
 * Reads and validates every `*.json` file of the labelled set. For tests and the benchmark only: the
 * library itself does no I/O. Fails on the first invalid file, naming it and what is wrong.
 */
export function loadLabelledSet(dir: string = FIXTURES_DIR): LabelledCase[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const cases: LabelledCase[] = [];
  for (const file of files) cases.push(...loadLabelledFile(join(dir, file)));
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new LabelledSetError(`case id "${c.id}" appears twice in ${dir}; rename one`);
    ids.add(c.id);
  }
  return cases;
}

/** Reads and validates one labelled-set file. */
export function loadLabelledFile(path: string): LabelledCase[] {
  const parsed = LabelledFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new LabelledSetError(`${path} is not a valid labelled-set file (fix these fields): ${issues}`);
  }
  return parsed.data.cases;
}
