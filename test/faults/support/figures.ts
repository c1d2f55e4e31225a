/**
 * Prints a figure a fault test measured (rates, counts), for the record: fault tests assert bounds, and
 * the figures behind them are worth seeing in the test output.
 */
export function figure(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  process.stdout.write(`[fault figures] ${label}: ${text}\n`);
}
