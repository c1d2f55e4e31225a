import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** How long a client may take, and how many may be connected at once (the API's HTTP_* settings). */
export interface ServerLimits {
  /** The whole request, headers and body, must arrive within this (408 after). */
  requestTimeoutMs: number;
  /** The headers must arrive within this (408 after); no more than requestTimeoutMs. */
  headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they come. */
  maxConnections: number;
}

/** Node's own defaults but for what a slow client could hold: a body sent byte by byte ends within 30 s. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/** Listens on every interface, with `limits`; port 0 takes a free one (tests). */
export async function listen(
  app: Express,
  port: number,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): Promise<Server> {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past their timeouts (its default, 30 s, would let a short timeout
      // run that much longer).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
