/**
 * The accounts and playlists of the bundled seed that the rest of the project names: the demo (`pnpm demo`,
 * the README, compose's sample credentials) and the bench account (benchmarks write to its big playlist).
 * The seed generator builds the catalog around these values.
 */
export const DEMO_ACCOUNT = {
  userId: '190000001',
  username: 'demo',
  countryCode: 'US',
  clientId: 'tidal-remedy-demo',
  clientSecret: 'demo-secret',
  refreshToken: 'demo-refresh-token',
  /** `pnpm remedy login`'s default loopback redirect and the web's on `pnpm dev` (PUBLIC_URL localhost:8080). */
  redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:8080/auth/tidal/callback'],
  /** "Road Trip Classics": 60 items, 15 unavailable in US. */
  playlistId: '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
  /** An empty playlist the demo user owns, for tests that write. */
  scratchPlaylistId: 'd5aadf0a-eb8e-4883-a7cd-800cc072dd05',
} as const;

export const BENCH_ACCOUNT = {
  userId: '190000002',
  username: 'bench',
  countryCode: 'US',
  clientId: 'tidal-remedy-bench',
  clientSecret: 'bench-secret',
  refreshToken: 'bench-refresh-token',
  /** "Decades of Everything": 900 items, 108 unavailable in US. */
  playlistId: '28d8fea1-322a-44fc-90d8-40db2254eb3e',
} as const;

/** An account's credentials in TIDAL's OAuth token shape, as the secrets lib hands them to the client. */
export function seedCredentials(account: { clientId: string; clientSecret: string; refreshToken: string }) {
  return {
    client_id: account.clientId,
    client_secret: account.clientSecret,
    refresh_token: account.refreshToken,
  };
}
