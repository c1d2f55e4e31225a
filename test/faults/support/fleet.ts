import { type ChildHandle, spawnTs } from '@tidal-remedy/test-support/process';

type Service = 'fetcher' | 'matcher' | 'publisher' | 'api';

/**
 * The service processes of one test file: started as real processes, every line they print kept (a test
 * scans it for secrets), and all of them killed at the end whatever happened.
 */
export class Fleet {
  private readonly handles: ChildHandle[] = [];

  /** Starts a service and waits until it serves: a worker takes jobs, the API listens. */
  async start(service: Service, env: NodeJS.ProcessEnv): Promise<ChildHandle> {
    const handle = spawnTs(`services/${service}/src/main.ts`, env);
    this.handles.push(handle);
    await handle.waitFor(service === 'api' ? /"msg":"listening"/ : /"msg":"worker running"/, 30_000);
    return handle;
  }

  /** Sends `signal` and waits for the process to end; resolves with its exit code or signal. */
  async stop(handle: ChildHandle, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
    if (handle.child.exitCode === null && handle.child.signalCode === null) handle.child.kill(signal);
    return handle.exited;
  }

  /** Every line every process of this fleet printed, so far. */
  output(): string {
    return this.handles.flatMap((handle) => handle.lines).join('\n');
  }

  /** How many of this fleet's processes printed a line matching `pattern`. */
  processesLogging(pattern: RegExp): number {
    return this.handles.filter((handle) => handle.lines.some((line) => pattern.test(line))).length;
  }

  /** Kills whatever still runs (SIGKILL: a test that failed half-way must not leave workers behind). */
  async closeAll(): Promise<void> {
    await Promise.all(this.handles.map((handle) => this.stop(handle, 'SIGKILL')));
  }
}
