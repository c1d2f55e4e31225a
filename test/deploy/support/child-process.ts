import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | string>;
}

/** Starts a command with exactly `env` (nothing inherited), keeping its output for failure messages. */
export function startProcess(argv: string[], env: Record<string, string>, cwd: string): RunningProcess {
  const [command, ...args] = argv;
  const child = spawn(command ?? '', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, output, exited };
}

/** Runs a command to its end; resolves with its exit code. */
export async function runToEnd(
  argv: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<number | string> {
  return startProcess(argv, env, cwd).exited;
}

/** A port free right now on loopback (the OS picks it), for a service that needs a fixed one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
