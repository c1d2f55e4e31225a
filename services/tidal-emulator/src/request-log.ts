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

/**
 * One TIDAL API request and the answer it got, whole: what a contract check needs (the request log keeps
 * only the endpoint and status). Given to `onExchange` once the answer is sent.
 */
export interface ApiExchange {
  method: string;
  /** The endpoint template, as in TIDAL's spec. */
  template: string;
  /** Query parameters in order, decoded; repeated names repeated. */
  query: Array<[string, string]>;
  /** Request headers, names lower-cased (the Authorization header left out). */
  headers: Record<string, string>;
  /** The parsed request body; undefined when none was read. */
  body: unknown;
  status: number;
  /** The answer's Content-Type. */
  contentType: string | null;
  /** The JSON:API document answered. */
  document: unknown;
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
