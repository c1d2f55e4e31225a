import type { CallCounts, MatchDecision } from '@tidal-remedy/contracts';

/** Spreads per-track decisions onto every position that holds the track. */
export function decisionsByPosition(
  entries: ReadonlyArray<{ positions: readonly number[]; decision: MatchDecision }>,
): Map<number, MatchDecision> {
  const byPosition = new Map<number, MatchDecision>();
  for (const { positions, decision } of entries)
    for (const position of positions) byPosition.set(position, decision);
  return byPosition;
}

/** Adds up per-endpoint call counts from several jobs (or steps), endpoints in order. */
export function addCallCounts(...counts: ReadonlyArray<CallCounts>): CallCounts {
  const total = new Map<string, number>();
  for (const count of counts)
    for (const [endpoint, n] of Object.entries(count)) total.set(endpoint, (total.get(endpoint) ?? 0) + n);
  return Object.fromEntries([...total].sort(([a], [b]) => (a < b ? -1 : 1)));
}
