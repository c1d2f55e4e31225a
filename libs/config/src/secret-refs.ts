/** The secrets tidal-remedy reads, as Flyte names them (group = the Kubernetes Secret, key = its entry). */
export const TIDAL_CREDS_SECRET = { group: 'tidal-creds', key: 'json' } as const;
export const API_TOKEN_SECRET = { group: 'remedy-api', key: 'token' } as const;
/** Prometheus's credential: opens GET /metrics and nothing else (METRICS_SCRAPE_AUTH). */
export const METRICS_SCRAPE_SECRET = { group: 'remedy-metrics', key: 'token' } as const;
