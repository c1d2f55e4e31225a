/** One request the emulator served, as tests and benchmarks count API calls. */
export interface RequestLogEntry {
  method: string;
  /** The endpoint template, as in TIDAL's spec (`/playlists/{id}/relationships/items`, `/oauth2/token`). */
  path: string;
  /** The status answered; 499 when the client went away first (it timed out, or died). */
  status: number;
  /** ISO timestamp of the request's arrival. */
  time: string;
  durationMs: number;
  /** The OAuth client the request's token belongs to, when known. */
  clientId: string | null;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
