import { spawnTs } from '@tidal-remedy/test-support/process';
import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';

/** The quality and speed lines of `pnpm bench:match` that become figures: label, unit, pattern. */
const LINES: Array<{ name: string; unit: string; pattern: RegExp }> = [
  { name: 'precision', unit: '', pattern: /^\s*precision\s+([\d.]+)\s+target >= ([\d.]+)/m },
  { name: 'recall', unit: '', pattern: /^\s*recall\s+([\d.]+)\s+target >= ([\d.]+)/m },
  {
    name: 'scored candidates per CPU second',
    unit: 'per s',
    pattern: /normalising every track.*?= ([\d,]+) scored candidates\/s\s+target >= ([\d,]+)/m,
  },
];

/**
 * The matcher's own benchmark (`pnpm bench:match`, libs/matching's labelled set), run as it is and its
 * output passed through; its headline figures are kept with the others. A target there is a floor.
 */
export async function runMatchQuality(): Promise<Figure[]> {
  printHeading('Matching quality and speed (pnpm bench:match, the labelled set of libs/matching)');
  const child = spawnTs('bench/match.bench.ts');
  const code = await child.exited;
  const output = child.lines.join('\n');
  for (const line of child.lines) process.stdout.write(`  | ${line}\n`);
  if (code !== 0) throw new Error(`pnpm bench:match failed (${code})`);
  const figures: Figure[] = [];
  for (const { name, unit, pattern } of LINES) {
    const found = pattern.exec(output);
    if (!found) {
      printNote(`no "${name}" line in its output: not kept`);
      continue;
    }
    const value = Number(found[1]!.replaceAll(',', ''));
    const floor = Number(found[2]!.replaceAll(',', ''));
    const fig = figure('match', name, value, unit, { op: '>=', value: floor });
    figures.push(fig);
    printFigure(fig);
  }
  return figures;
}
