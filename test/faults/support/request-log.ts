import type { RequestLogEntry } from '@tidal-remedy/tidal-emulator';

/** The token endpoint: outside TIDAL's API rate limit. */
export const TOKEN_PATH = '/oauth2/token';

/** Requests per endpoint (`GET /tracks`), as the report counts them. */
export function countByEndpoint(entries: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const endpoint = `${entry.method} ${entry.path}`;
    counts[endpoint] = (counts[endpoint] ?? 0) + 1;
  }
  return counts;
}

/** The API requests TIDAL's rate limit applies to: with a valid token (a client id), not the token endpoint. */
export function rateLimited(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((entry) => entry.clientId !== null && entry.path !== TOKEN_PATH);
}

/**
 * How close the requests came to a token bucket of `burst` refilled at `perSecond`: the largest
 * `count / (burst + perSecond·span)` over every window of requests (first to last arrival, inclusive).
 * Above 1, some window held more requests than the bucket allows. Also the most requests seen in any
 * window of one second.
 */
export function bucketUsage(
  entries: readonly RequestLogEntry[],
  limit: { perSecond: number; burst: number },
): { worst: number; maxPerSecond: number } {
  // Arrival times are logged to the millisecond: a window is widened by 1 ms so rounding cannot fail it.
  const times = entries.map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
  let worst = 0;
  let maxPerSecond = 0;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      const span = times[j]! - times[i]!;
      const count = j - i + 1;
      worst = Math.max(worst, count / (limit.burst + (limit.perSecond * (span + 1)) / 1000));
      if (span < 1000) maxPerSecond = Math.max(maxPerSecond, count);
    }
  }
  return { worst, maxPerSecond };
}
