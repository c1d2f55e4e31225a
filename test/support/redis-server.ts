import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ChildHandle, spawnProcess } from './process.js';

/**
 * A private `redis-server` for one test file, on a free port of its own, so a test can stop it and start
 * it again on the same port (a Redis restart) without touching the shared Redis of the suite.
 * `persistent`: with an append-only file in a temporary directory, so data survives a restart; without, a
 * restart loses everything, as a Redis without persistence does.
 */
export interface PrivateRedis {
  port: number;
  url: string;
  /** Stops it (SIGKILL: a crash; SIGTERM: a clean stop) and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port; without persistence it starts empty. */
  start(options?: { persistent?: boolean }): Promise<void>;
  /** Stops it and deletes its directory. */
  close(): Promise<void>;
}

export async function startPrivateRedis(options: { persistent?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'tr-redis-'));
  let handle: ChildHandle | null = null;

  const start = async ({ persistent = options.persistent ?? false } = {}) => {
    if (!persistent) {
      // Nothing an earlier, persistent run wrote may be loaded: this start is a Redis that lost its data.
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    }
    handle = spawnProcess('redis-server', [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      ...['--appendonly', persistent ? 'yes' : 'no', '--maxmemory-policy', 'noeviction'],
    ]);
    await handle.waitFor(/Ready to accept connections/, 10_000);
  };
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = handle;
    handle = null;
    if (!running) return;
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
    await running.exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      await stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now (the system's choice for port 0, released at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
