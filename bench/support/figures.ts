/** A benchmark's measured figures, printed as they come and kept for results/latest.json and the README. */

export interface Target {
  /** The figure must be at most (`<=`), below (`<`) or at least (`>=`) this. */
  op: '<=' | '<' | '>=';
  value: number;
}

export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  target: Target | null;
  /** value / target.value: at most 1 (below 1 for `<`; at least 1 for `>=`) means the target is met. */
  ofTarget: number | null;
  met: boolean | null;
  /** What the figure was computed from (counts, parts of the bound, …). */
  detail?: Record<string, unknown>;
}

export function figure(
  section: string,
  name: string,
  value: number,
  unit: string,
  target: Target | null = null,
  detail?: Record<string, unknown>,
): Figure {
  const ofTarget = target ? value / target.value : null;
  const met = target ? meets(value, target) : null;
  return { section, name, value, unit, target, ofTarget, met, ...(detail ? { detail } : {}) };
}

function meets(value: number, target: Target): boolean {
  if (target.op === '<=') return value <= target.value;
  if (target.op === '<') return value < target.value;
  return value >= target.value;
}

export function formatValue(value: number, unit: string): string {
  const digits = unit === '' ? 3 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toFixed(digits);
  if (unit === '×') return `${number}×`;
  return unit === '' ? number : `${number} ${unit}`;
}

export function formatTarget(fig: Figure): string {
  if (!fig.target || fig.ofTarget === null) return 'no target';
  const op = { '<=': '≤', '<': '<', '>=': '≥' }[fig.target.op];
  const target = `${op} ${formatValue(fig.target.value, fig.unit)}`;
  return `target ${target}: ${fig.ofTarget.toFixed(2)} of target, ${fig.met ? 'met' : 'MISSED'}`;
}

/** Writes one line: `section  name  value  (target …)`, and any note on the next. */
export function printFigure(fig: Figure): void {
  const line = `  ${fig.name.padEnd(44)} ${formatValue(fig.value, fig.unit).padStart(12)}   ${formatTarget(fig)}`;
  process.stdout.write(`${line}\n`);
}

export function printHeading(text: string): void {
  process.stdout.write(`\n== ${text}\n`);
}

export function printNote(text: string): void {
  process.stdout.write(`     ${text}\n`);
}

/** The q-quantile (0..1) of `values`, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}
