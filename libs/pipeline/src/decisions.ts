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

/** Adds up per-endpoint call counts from several jobs. */
export function addCallCounts(...counts: ReadonlyArray<CallCounts>): CallCounts {
  const total: CallCounts = {};
  for (const count of counts)
    for (const [endpoint, n] of Object.entries(count)) total[endpoint] = (total[endpoint] ?? 0) + n;
  return total;
}
