/** A score in [0, 1] as a whole percentage. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
