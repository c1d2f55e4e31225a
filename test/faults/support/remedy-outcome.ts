import type { RemedyReport, RemedyStatus } from '@tidal-remedy/contracts';
import type { RedisConnection } from '@tidal-remedy/queue';
import { waitUntil } from '@tidal-remedy/test-support/poll';
import type { EmulatorHandle } from '@tidal-remedy/tidal-emulator';
import { expect } from 'vitest';
import type { ApiClient } from './api-client.js';
import { expectedCopy, playlistsNamed, reportOf, trackIdsOf, unfinishedJobs } from './remedy-facts.js';

/** Waits until a remedy is done or failed, as the API reports it. */
export async function finishedRemedy(
  client: ApiClient,
  id: string,
  timeoutMs = 60_000,
): Promise<RemedyStatus> {
  return waitUntil(
    `remedy ${id} to finish`,
    async () => {
      const { status } = await client.status(id);
      return status?.state === 'done' || status?.state === 'failed' ? status : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/**
 * A `new`-mode remedy of the demo playlist that went through a fault: done, every unavailable item
 * decided, exactly one copy published holding the original with the replacements in place, and no job
 * left waiting, running or failed under the prefix.
 */
export async function expectCompletedOnce(options: {
  client: ApiClient;
  redis: RedisConnection;
  prefix: string;
  emulator: EmulatorHandle;
  id: string;
  original: readonly string[];
}): Promise<RemedyReport> {
  const done = await finishedRemedy(options.client, options.id);
  expect(done.state, JSON.stringify(done.error)).toBe('done');
  const report = await reportOf(options.redis, done.reportRef ?? null);
  expect(report.counts).toMatchObject({ items: 60, unavailable: 15 });
  expect(report.items).toHaveLength(15);
  const copies = playlistsNamed(options.emulator, `${report.playlist.name} (remedied)`);
  expect(copies).toHaveLength(1);
  expect(trackIdsOf(options.emulator, copies[0]!.id)).toEqual(expectedCopy(options.original, report));
  // A job whose completion the fault lost runs again once its lock expires, and must change nothing.
  const left = await waitUntil(
    'no job left running or waiting',
    async () => {
      const counts = Object.entries(await unfinishedJobs(options.redis, options.prefix));
      const busy = counts.some(
        ([, states]) => states.active + states.waiting + states['waiting-children'] > 0,
      );
      return busy ? undefined : counts;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  for (const [queue, states] of left) expect({ queue, failed: states.failed }).toEqual({ queue, failed: 0 });
  expect((await options.client.status(options.id)).status?.state).toBe('done');
  expect(playlistsNamed(options.emulator, `${report.playlist.name} (remedied)`)).toHaveLength(1);
  return report;
}
