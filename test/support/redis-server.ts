import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ChildHandle, spawnProcess } from './process.js';

/**
 * A private `redis-server` on a free port of its own: the suite's (see redis-setup.ts), or one test file's,
 * which it can stop and start again on the same port (a Redis restart) without touching the suite's.
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

/** redis-server is not installed: the one line that says what to do. */
export class RedisServerMissingError extends Error {
  override readonly name = 'RedisServerMissingError';
  constructor() {
    super(
      'The tests start a private Redis with redis-server, which is not on PATH: install it (Debian/Ubuntu: ' +
        'apt-get install redis-server; macOS: brew install redis), or set TEST_REDIS_URL to a Redis they may use.',
    );
  }
}

export interface PrivateRedisOptions {
  persistent?: boolean;
  /** More redis-server arguments (`--cluster-enabled yes`, `--replicaof …`); `{dir}` is its directory. */
  args?: string[];
}

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  if (!(await onPath('redis-server'))) throw new RedisServerMissingError();
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
      ...(options.args ?? []).map((arg) => arg.replaceAll('{dir}', dir)),
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
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether an executable of this name is in one of PATH's directories. */
export async function onPath(command: string): Promise<boolean> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const executable = (dir: string) =>
    access(path.join(dir, command), constants.X_OK).then(
      () => true,
      () => false,
    );
  return (await Promise.all(dirs.map(executable))).includes(true);
}
