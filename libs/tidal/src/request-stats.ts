/** How one HTTP attempt ended: a status code, or no status at all. */
export type RequestOutcome = number | 'timeout' | 'network-error';

/** One HTTP attempt to TIDAL (the API or its token endpoint), retries included, each counted. */
export interface RequestEvent {
  /** The endpoint template with its method: `GET /playlists/{id}/relationships/items`. */
  endpoint: string;
  outcome: RequestOutcome;
  durationMs: number;
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
}

export interface RequestStatsSnapshot {
  total: number;
  /** Requests per endpoint template (the shape of the remedy report's `tidalCalls.byEndpoint`). */
  byEndpoint: Record<string, number>;
  /** Requests per endpoint template and outcome (`"200"`, `"429"`, `"timeout"`, …). */
  byEndpointAndOutcome: Record<string, Record<string, number>>;
}

/**
 * Counts every request by endpoint template and outcome, for metrics and the remedy report. One instance
 * may be shared by several clients; `onRequest` sees each attempt as it ends (for Prometheus counters).
 */
export class RequestStats {
  private total = 0;
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly onRequest?: (event: RequestEvent) => void) {}

  record(event: RequestEvent): void {
    this.total += 1;
    const outcomes = this.counts.get(event.endpoint) ?? new Map<string, number>();
    const outcome = String(event.outcome);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    this.counts.set(event.endpoint, outcomes);
    this.onRequest?.(event);
  }

  snapshot(): RequestStatsSnapshot {
    const byEndpoint: Record<string, number> = {};
    const byEndpointAndOutcome: Record<string, Record<string, number>> = {};
    for (const [endpoint, outcomes] of [...this.counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      byEndpointAndOutcome[endpoint] = Object.fromEntries(outcomes);
      byEndpoint[endpoint] = [...outcomes.values()].reduce((sum, n) => sum + n, 0);
    }
    return { total: this.total, byEndpoint, byEndpointAndOutcome };
  }

  reset(): void {
    this.total = 0;
    this.counts.clear();
  }
}
