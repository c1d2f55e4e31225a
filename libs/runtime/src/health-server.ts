import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Ready or not, with what each check found (`ok`, or what went wrong): the answer's body says it. */
export type ReadinessCheck = () => Promise<{ ready: boolean; checks?: Record<string, string> }>;

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A worker's probe endpoint: `GET /healthz` answers while the process runs, `GET /readyz` while `ready()`
 * holds (its queues work: see checkReadiness in libs/queue; its workers run). Kubernetes probes and compose health checks call these.
 */
export async function startHealthServer(port: number, ready: ReadinessCheck): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: Record<string, unknown>) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return reply(405, { error: 'method_not_allowed' });
    if (request.url === '/healthz') return reply(200, { status: 'ok' });
    if (request.url === '/readyz') {
      ready().then(
        ({ ready: ok, checks }) =>
          reply(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', ...(checks ? { checks } : {}) }),
        () => reply(503, { status: 'not ready' }),
      );
      return;
    }
    reply(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
