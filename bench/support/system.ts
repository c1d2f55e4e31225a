import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RedisStepCache } from '@tidal-remedy/cache';
import { type RemedyRecord, type RemedyReport, RemedyReportSchema } from '@tidal-remedy/contracts';
import { RemedyQueues } from '@tidal-remedy/queue';
import { RemedyService } from '@tidal-remedy/remedies';
import { stopWorker, WORKER_SERVICES, waitForRemedy, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { type ChildHandle, ROOT, spawnNode } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import {
  BENCH_ACCOUNT,
  type EmulatorHandle,
  type SeedInput,
  seedCredentials,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import { Redis } from 'ioredis';
import { BENCH_COUNTRY } from './synthetic-seed.js';

type WorkerService = (typeof WORKER_SERVICES)[number];

export interface SystemOptions {
  /** Names the Redis prefix (`{tr-bench-<label>-xxxx}`). */
  label: string;
  seed: SeedInput;
  latencyMs?: number;
  /** The emulator's limit and the workers' shared gate, both set to it; null: no limit. */
  rateLimit?: { perSecond: number; burst: number } | null;
  matchers?: number;
  /** More environment for the workers. */
  env?: NodeJS.ProcessEnv;
  /** Node flags for every worker; by default each gets the Dockerfile's NODE_OPTIONS for its image. */
  nodeFlags?: string[];
  /** A Redis of the benchmark's own (its CPU and memory measured); by default the shared test Redis. */
  redisUrl?: string;
}

export interface WorkerProcess {
  service: WorkerService;
  handle: ChildHandle;
}

export class RemedyFailedError extends Error {
  override readonly name = 'RemedyFailedError';
}

export class WorkerExitedError extends Error {
  override readonly name = 'WorkerExitedError';
}

/**
 * The real system for a benchmark: the emulator in this process, the three worker services as processes
 * (as in production, one of each, more matchers on demand), a real Redis under a fresh prefix that
 * `close()` deletes.
 */
export class BenchSystem {
  private readonly queues: RemedyQueues;
  private readonly remedies: RemedyService;

  private constructor(
    readonly emulator: EmulatorHandle,
    readonly redis: Redis,
    readonly prefix: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly nodeFlags: string[] | null,
    readonly workers: WorkerProcess[],
  ) {
    this.queues = new RemedyQueues({ connection: redis, prefix });
    this.remedies = new RemedyService({
      redis,
      prefix,
      cache: new RedisStepCache(redis),
      queues: this.queues,
    });
  }

  private closing = false;
  private exited: WorkerExitedError | null = null;
  private readonly exitWaiters = new Set<(error: WorkerExitedError) => void>();

  static async start(options: SystemOptions): Promise<BenchSystem> {
    const emulator = await startEmulator({
      seed: options.seed,
      port: 0,
      latencyMs: options.latencyMs ?? 0,
      rateLimit: options.rateLimit
        ? { requestsPerSecond: options.rateLimit.perSecond, burst: options.rateLimit.burst }
        : null,
    });
    const prefix = testPrefix(`bench-${options.label}`);
    const env = workerEnv(emulator, prefix, {
      _UNION_TIDAL_CREDS_JSON: JSON.stringify(seedCredentials(BENCH_ACCOUNT)),
      LOG_LEVEL: 'info',
      ...(options.rateLimit
        ? {
            TIDAL_RATE_LIMIT_PER_SECOND: String(options.rateLimit.perSecond),
            TIDAL_RATE_LIMIT_BURST: String(options.rateLimit.burst),
          }
        : // No limit to pace against: the gate must not be what is measured.
          { TIDAL_RATE_LIMIT_PER_SECOND: '1000000', TIDAL_RATE_LIMIT_BURST: '1000000' }),
      ...options.env,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    });
    const redis = options.redisUrl
      ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 })
      : connectRedis();
    const system = new BenchSystem(emulator, redis, prefix, env, options.nodeFlags ?? null, []);
    try {
      await system.addWorkers(['fetcher', 'publisher', ...repeat('matcher' as const, options.matchers ?? 1)]);
    } catch (error) {
      await system.close();
      throw error;
    }
    return system;
  }

  async addWorkers(services: WorkerService[]): Promise<void> {
    const started = await Promise.all(
      services.map(async (service) => ({
        service,
        handle: await startBuiltWorker(service, this.env, this.nodeFlags ?? deployedNodeOptions(service)),
      })),
    );
    this.workers.push(...started);
    for (const { service, handle } of started) {
      void handle.exited.then((code) => {
        if (this.closing) return;
        this.exited = new WorkerExitedError(
          `the ${service} worker exited (${code}) during the benchmark; its last output:\n` +
            handle.lines.slice(-10).join('\n'),
        );
        for (const notify of this.exitWaiters) notify(this.exited);
      });
    }
  }

  count(service: WorkerService): number {
    return this.workers.filter((worker) => worker.service === service).length;
  }

  /** Submits a remedy the way the API does (the remedy service); mode `new`, unmatched kept. */
  async submit(playlistId: string, overrides: { refresh?: boolean } = {}): Promise<string> {
    const { record } = await this.remedies.start({
      playlist: playlistId,
      mode: 'new',
      unmatched: 'keep',
      countryCode: BENCH_COUNTRY,
      refresh: overrides.refresh ?? false,
    });
    return record.id;
  }

  /** Waits for a remedy to end; a failed one is an error (a benchmark of a failing system means nothing). */
  async wait(id: string, timeoutMs = 300_000): Promise<RemedyRecord> {
    // A worker that dies (out of memory, say) would leave the remedy waiting until the timeout.
    let notify: (error: WorkerExitedError) => void = () => {};
    const died = new Promise<never>((_, reject) => {
      notify = reject;
    });
    if (this.exited) notify(this.exited);
    this.exitWaiters.add(notify);
    let record: RemedyRecord;
    try {
      record = await Promise.race([waitForRemedy(this.redis, this.prefix, id, timeoutMs), died]);
    } finally {
      this.exitWaiters.delete(notify);
    }
    if (record.state !== 'done') {
      throw new RemedyFailedError(
        `remedy ${id} failed at ${record.error?.step}: ${record.error?.message}; worker output:\n` +
          this.workers.flatMap((worker) => worker.handle.lines.slice(-5)).join('\n'),
      );
    }
    return record;
  }

  async report(record: RemedyRecord): Promise<RemedyReport> {
    const report = record.reportRef
      ? await new RedisStepCache(this.redis).get(record.reportRef, RemedyReportSchema)
      : undefined;
    if (!report) throw new RemedyFailedError(`remedy ${record.id} is done but its report is not stored`);
    return report;
  }

  /** Peak resident memory (VmHWM) of each worker process so far, in MB. */
  async peakRssMb(): Promise<Array<{ service: WorkerService; pid: number; peakRssMb: number }>> {
    return Promise.all(
      this.workers.map(async ({ service, handle }) => {
        const pid = handle.child.pid ?? 0;
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
        return { service, pid, peakRssMb: kb / 1024 };
      }),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ handle }) => stopWorker(handle)));
    await this.emulator.close();
    await this.queues.close();
    await deletePrefix(this.redis, this.prefix);
    this.redis.disconnect();
  }
}

/**
 * Bundles the worker services (scripts/build.mjs), as their container images hold them: the benchmarks
 * measure the workers as production runs them, not under the TypeScript loader (which alone adds some
 * 25 MB of resident memory to each process).
 */
export async function buildWorkers(): Promise<void> {
  const build = spawnNode(['scripts/build.mjs', ...WORKER_SERVICES]);
  const code = await build.exited;
  if (code !== 0) throw new Error(`building the workers failed (${code}):\n${build.lines.join('\n')}`);
}

/**
 * The NODE_OPTIONS the Dockerfile gives a worker's image (its own stage's, else the shared worker stage's),
 * so the bench runs each worker as deployed.
 */
export function deployedNodeOptions(service: WorkerService): string[] {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const stageOf = (name: string) => {
    const start = dockerfile.indexOf(`AS ${name}\n`);
    const end = dockerfile.indexOf('\nFROM ', start);
    return start < 0 ? '' : dockerfile.slice(start, end < 0 ? undefined : end);
  };
  const optionsIn = (stage: string) => /^ENV NODE_OPTIONS="([^"]*)"/m.exec(stage)?.[1];
  const options = optionsIn(stageOf(service)) ?? optionsIn(stageOf('worker'));
  if (options === undefined) throw new Error(`the Dockerfile sets no NODE_OPTIONS for the ${service} image`);
  return options.split(/\s+/).filter(Boolean);
}

/** Starts a worker from its bundle, with the Dockerfile's command line, and waits until it takes jobs. */
async function startBuiltWorker(
  service: WorkerService,
  env: NodeJS.ProcessEnv,
  nodeFlags: string[],
): Promise<ChildHandle> {
  const entry = path.join(ROOT, `services/${service}/dist/main.js`);
  const handle = spawnNode(['--enable-source-maps', ...nodeFlags, entry], env);
  await handle.waitFor(/"msg":"worker running"/);
  return handle;
}

/** Wall time of a finished remedy, from its record: submitted → done. */
export function wallMs(record: RemedyRecord): number {
  return Date.parse(record.timestamps.finishedAt ?? '') - Date.parse(record.timestamps.createdAt);
}

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}
