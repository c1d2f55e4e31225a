import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTestRedis } from '@tidal-remedy/test-support/redis-setup';
import { runCalls } from './calls.js';
import { runCapacity } from './capacity.js';
import { runMatchQuality } from './match-quality.js';
import { printRssHeading, rssFigures, runMemoryWithoutFlags } from './memory.js';
import { runOverhead } from './overhead.js';
import { type Figure, formatTarget, formatValue, printHeading } from './support/figures.js';
import { buildWorkers } from './support/system.js';
import { runWallTimeAndCache } from './wall-time.js';

/**
 * `pnpm bench [section…]`: every benchmark in turn (sections: calls, wall, overhead, memory, capacity, match), printing
 * each figure with its ratio to its target. A full run writes bench/results/latest.json and the table in
 * bench/README.md; a run of some sections only prints.
 */

const SECTIONS = ['calls', 'wall', 'overhead', 'memory', 'capacity', 'match'] as const;
type Section = (typeof SECTIONS)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
const README = path.join(here, 'README.md');
const RESULTS = path.join(here, 'results/latest.json');
const TABLE_START = '<!-- figures:start -->';
const TABLE_END = '<!-- figures:end -->';

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown section(s): ${unknown.join(', ')}; choose among ${SECTIONS.join(', ')}.\n`);
  process.exit(2);
}
const sections = new Set<Section>(asked.length > 0 ? (asked as Section[]) : SECTIONS);

const started = performance.now();
const figures: Figure[] = [];
process.stdout.write(
  `tidal-remedy benchmarks on ${os.cpus().length} CPUs, Node ${process.version}: ${[...sections].join(', ')}\n`,
);
await buildWorkers();
// A private redis-server for the run (or TEST_REDIS_URL), as the tests have: never a developer's own.
const stopRedis = await useTestRedis();
try {
  if (sections.has('calls')) {
    const calls = await runCalls();
    figures.push(...calls.figures);
    printRssHeading();
    figures.push(
      ...rssFigures(
        'memory',
        calls.peakRss,
        'VmHWM of each worker process, bundled and started as the Dockerfile does (its command and NODE_OPTIONS)',
      ),
    );
  }
  if (sections.has('wall')) figures.push(...(await runWallTimeAndCache()));
  if (sections.has('overhead')) figures.push(...(await runOverhead()));
  if (sections.has('memory')) figures.push(...(await runMemoryWithoutFlags()));
  if (sections.has('capacity')) figures.push(...(await runCapacity()));
  if (sections.has('match')) figures.push(...(await runMatchQuality()));
} finally {
  await stopRedis();
}

const durationS = (performance.now() - started) / 1000;
const missed = figures.filter((fig) => fig.met === false);
printHeading(
  `Done in ${durationS.toFixed(0)} s: ${figures.filter((fig) => fig.met !== null).length} figures with a target, ` +
    `${missed.length} missed${missed.length > 0 ? ` (${missed.map((fig) => `${fig.section}: ${fig.name}`).join('; ')})` : ''}`,
);

if (sections.size === SECTIONS.length) {
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version },
    durationS: Math.round(durationS),
    figures,
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(README, withTable(await readFile(README, 'utf8'), figures, results.generatedAt));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), RESULTS)} and the table in bench/README.md\n`);
}

function withTable(readme: string, all: Figure[], at: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`bench/README.md lacks the ${TABLE_START} … ${TABLE_END} markers`);
  const rows = all.map(
    (fig) => `| ${fig.section} | ${fig.name} | ${formatValue(fig.value, fig.unit)} | ${formatTarget(fig)} |`,
  );
  const table = [
    `Last full run: ${at.slice(0, 16).replace('T', ' ')} UTC, ${durationS.toFixed(0)} s.`,
    '',
    '| section | figure | value | against the target |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
