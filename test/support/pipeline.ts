import { RedisStepCache } from '@tidal-remedy/cache';
import type { RemedyRecord, ResolvedRemedyRequest } from '@tidal-remedy/contracts';
import { type RedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import { RemedyService, RemedyStore } from '@tidal-remedy/remedies';
import { DEMO_ACCOUNT, type EmulatorHandle, seedCredentials } from '@tidal-remedy/tidal-emulator';
import { waitUntil } from './poll.js';
import { type ChildHandle, spawnTs } from './process.js';
import { redisUrl } from './redis.js';

export const WORKER_SERVICES = ['fetcher', 'matcher', 'publisher'] as const;

/** The environment a worker needs to run against this emulator, isolated under `prefix`. */
export function workerEnv(
  emulator: EmulatorHandle,
  prefix: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    TIDAL_API_URL: emulator.url,
    TIDAL_AUTH_URL: emulator.authUrl,
    _UNION_TIDAL_CREDS_JSON: JSON.stringify(seedCredentials(DEMO_ACCOUNT)),
    HEALTH_PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts a worker service as a real process and waits until it takes jobs. */
export async function startWorker(
  service: (typeof WORKER_SERVICES)[number],
  env: NodeJS.ProcessEnv,
): Promise<ChildHandle> {
  const handle = spawnTs(`services/${service}/src/main.ts`, env);
  await handle.waitFor(/"msg":"worker running"/);
  return handle;
}

export async function stopWorker(handle: ChildHandle): Promise<void> {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  handle.child.kill('SIGTERM');
  await handle.exited;
}

/** Submits a remedy the way the API does (the remedy service): a record, then its fetch job. */
export async function submitRemedy(
  redis: RedisConnection,
  prefix: string,
  request: ResolvedRemedyRequest,
): Promise<string> {
  const queues = new RemedyQueues({ connection: redis, prefix });
  try {
    const remedies = new RemedyService({ redis, prefix, cache: new RedisStepCache(redis), queues });
    return (await remedies.start(request)).record.id;
  } finally {
    await queues.close();
  }
}

/** Polls a remedy until it is done or failed. */
export async function waitForRemedy(
  redis: RedisConnection,
  prefix: string,
  id: string,
  timeoutMs = 60_000,
): Promise<RemedyRecord> {
  const store = new RemedyStore(redis, prefix);
  return waitUntil(
    `remedy ${id} to be done or failed`,
    async () => {
      const record = await store.get(id);
      return record && (record.state === 'done' || record.state === 'failed') ? record : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}
