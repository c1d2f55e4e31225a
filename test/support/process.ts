import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A service or script running as a real child process, with every output line kept for assertions. */
export interface ChildHandle {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line matching `pattern`, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Runs a TypeScript entry point under tsx, as the services run in development. */
export function spawnTs(entry: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): ChildHandle {
  return spawnNode(['--import', 'tsx', path.join(ROOT, entry), ...args], env);
}

/** Runs node with these arguments (a built bundle, as a container runs it). */
export function spawnNode(nodeArgs: string[], env: NodeJS.ProcessEnv = {}): ChildHandle {
  return spawnProcess(process.execPath, nodeArgs, env);
}

/**
 * Runs any program (a private redis-server, say) with its output kept the same way. Its environment is
 * `env` alone, with PATH and HOME, and REDIS_URL set to the tests' Redis unless `env` sets it: a service
 * started without one would reach for 127.0.0.1:6379, which may be a developer's own Redis.
 */
export function spawnProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildHandle {
  const testRedis = process.env.TEST_REDIS_URL;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(testRedis ? { REDIS_URL: testRedis } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`),
          );
        }, timeoutMs);
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(`exited (${code}) before a line matching ${pattern}; output:\n${lines.join('\n')}`),
          );
        });
      });
    },
  };
}
