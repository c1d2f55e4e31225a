/**
 * `pnpm bench:match`: the matcher's quality on the labelled set (libs/matching/fixtures) and its speed,
 * against the targets of issue 4. A plain script: Node runs it on one thread, so the figures are one core's.
 * "Normalising every track" empties the memos before every pass over the set, so each track is normalised
 * once per pass as in a fresh matcher; "memoised" is the steady state of a long-running one. Scored
 * candidates are those decide() scores: every candidate of every case.
 * Exits non-zero when a target is missed.
 */

import { decide, scoreCandidate } from '@tidal-remedy/matching';
import { clearNormalizeCache, evaluate, FIXTURES_DIR, loadLabelledSet } from '@tidal-remedy/matching/eval';

const TARGET_PRECISION = 0.99;
const TARGET_RECALL = 0.9;
const TARGET_SCORED_PER_SECOND = 20_000;
/** Each speed figure runs for at least this long, repeating the whole set. */
const MIN_RUN_MS = 1_500;

const out = (line = '') => process.stdout.write(`${line}\n`);
const cases = loadLabelledSet();
const pairs = cases.flatMap((c) => c.candidates.map((candidate) => [c.original, candidate] as const));

const quality = evaluate(cases);
out(
  `labelled set: ${cases.length} cases (${quality.answerable} with a right answer), ${pairs.length} candidates`,
);
out();
out('quality');
out(
  `  precision           ${quality.precision.toFixed(4)}   target >= ${TARGET_PRECISION}  (x${ratio(quality.precision, TARGET_PRECISION)})`,
);
out(
  `  recall              ${quality.recall.toFixed(4)}   target >= ${TARGET_RECALL}  (x${ratio(quality.recall, TARGET_RECALL)})`,
);
out(`  false replacements  ${quality.falseReplacements}  (of ${quality.replacements} replacements)`);
out(
  `  preferred release   ${quality.preferredReplacements} of ${quality.rightReplacements} right replacements are the first-listed answer`,
);
out();
out('  category        cases  precision  recall  false');
for (const [category, q] of [...quality.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
  out(
    `  ${category.padEnd(15)} ${String(q.cases).padStart(5)}  ${q.precision.toFixed(3).padStart(9)}  ${q.recall.toFixed(3).padStart(6)}  ${String(q.falseReplacements).padStart(5)}`,
  );
}

const holdout = loadLabelledSet(`${FIXTURES_DIR}/holdout`);
const held = evaluate(holdout);
out();
out(
  `holdout (${holdout.length} cases written after the thresholds were fixed, never tuned on): precision ${held.precision.toFixed(4)}, recall ${held.recall.toFixed(4)}, false replacements ${held.falseReplacements}`,
);

out();
out('speed (one core, per second of CPU time)');
const perCase = pairs.length / cases.length;
const cold = rate(() => {
  clearNormalizeCache();
  for (const c of cases) decide(c.original, c.candidates);
  return cases.length;
});
const warm = rate(() => {
  for (const c of cases) decide(c.original, c.candidates);
  return cases.length;
});
const explained = rate(() => {
  for (const [original, candidate] of pairs) scoreCandidate(original, candidate);
  return pairs.length;
});
const scoredCold = cold * perCase;
out(
  `  decide(), normalising every track   ${fmt(cold)} cases/s = ${fmt(scoredCold)} scored candidates/s   target >= ${fmt(TARGET_SCORED_PER_SECOND)}  (x${ratio(scoredCold, TARGET_SCORED_PER_SECOND)})`,
);
out(
  `  decide(), memoised normalisation    ${fmt(warm)} cases/s = ${fmt(warm * perCase)} scored candidates/s  (x${ratio(warm * perCase, TARGET_SCORED_PER_SECOND)})`,
);
out(`  scoreCandidate() with reasons       ${fmt(explained)} scored candidates/s (memoised)`);

const met =
  quality.precision >= TARGET_PRECISION &&
  quality.recall >= TARGET_RECALL &&
  scoredCold >= TARGET_SCORED_PER_SECOND;
out();
out(`targets ${met ? 'met' : 'MISSED'}`);
if (!met) process.exitCode = 1;

/**
 * Repeats `run` (which returns how many items it handled) for MIN_RUN_MS after a warm-up, and returns items
 * per second of this process's CPU time. CPU time rather than wall time: the machine is shared, and a
 * figure for one core should not drop because other processes took turns on it.
 */
function rate(run: () => number): number {
  for (let i = 0; i < 3; i++) run();
  let items = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < MIN_RUN_MS) items += run();
  const cpu = process.cpuUsage(cpuStart);
  return (items * 1_000_000) / (cpu.user + cpu.system);
}

function ratio(value: number, target: number): string {
  return (value / target).toFixed(2);
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
