/**
 * Sweeps the decision thresholds over the labelled set and prints precision, recall and false
 * replacements for each (threshold, margin) pair: the table MATCH_THRESHOLD and MATCH_MARGIN were read from
 * (libs/matching/fixtures/README.md). Run with `pnpm bench:match:sweep`.
 */

import { MATCH_MARGIN, MATCH_THRESHOLD } from '@tidal-remedy/matching';
import { evaluate, loadLabelledSet } from '@tidal-remedy/matching/eval';

const cases = loadLabelledSet();
const thresholds = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const margins = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];

const out = (line: string) => process.stdout.write(`${line}\n`);
out(`labelled set: ${cases.length} cases; cells are precision / recall / false replacements`);
out(`current: MATCH_THRESHOLD ${MATCH_THRESHOLD}, MATCH_MARGIN ${MATCH_MARGIN}\n`);
out(`threshold | ${margins.map((m) => `margin ${m.toFixed(2)}`.padEnd(18)).join(' | ')}`);
for (const threshold of thresholds) {
  const cells = margins.map((margin) => {
    const e = evaluate(cases, { threshold, margin });
    const mark = threshold === MATCH_THRESHOLD && margin === MATCH_MARGIN ? '*' : ' ';
    return `${mark}${e.precision.toFixed(3)}/${e.recall.toFixed(3)}/${String(e.falseReplacements).padStart(2)}`.padEnd(
      18,
    );
  });
  out(`${threshold.toFixed(2).padEnd(9)} | ${cells.join(' | ')}`);
}
