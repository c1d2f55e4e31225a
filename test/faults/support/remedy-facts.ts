import { RedisStepCache } from '@tidal-remedy/cache';
import { type RemedyReport, RemedyReportSchema } from '@tidal-remedy/contracts';
import { type RedisConnection, RemedyQueues } from '@tidal-remedy/queue';
import type { EmulatorHandle } from '@tidal-remedy/tidal-emulator';

/** The report a finished remedy stored. */
export async function reportOf(redis: RedisConnection, reportRef: string | null): Promise<RemedyReport> {
  const report = reportRef ? await new RedisStepCache(redis).get(reportRef, RemedyReportSchema) : undefined;
  if (!report) throw new Error(`no report stored under ${reportRef}`);
  return report;
}

/** Each unavailable item's fate: position, decision, replacement id. */
export function decisionsOf(report: RemedyReport): Array<[number, string, string | null]> {
  return report.items.map((item) => [item.position, item.decision, item.replacement?.id ?? null]);
}

/** The track ids of a playlist as the emulator holds it now. */
export function trackIdsOf(emulator: EmulatorHandle, playlistId: string): string[] | undefined {
  return emulator
    .state()
    .playlists.find((playlist) => playlist.id === playlistId)
    ?.items.map((item) => item.trackId);
}

/** The playlists the emulator holds under this name. */
export function playlistsNamed(emulator: EmulatorHandle, name: string) {
  return emulator.state().playlists.filter((playlist) => playlist.name === name);
}

/** What a `new`-mode remedy must publish: the original's tracks, each replaced one swapped in place. */
export function expectedCopy(original: readonly string[], report: RemedyReport): string[] {
  const replacements = new Map(report.items.map((item) => [item.position, item.replacement?.id]));
  return original.map((trackId, position) => replacements.get(position) ?? trackId);
}

export type JobState = 'active' | 'waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'failed';

/** How many jobs of each pipeline queue are in each unfinished state (and failed), under `prefix`. */
export async function unfinishedJobs(
  redis: RedisConnection,
  prefix: string,
): Promise<Record<string, Record<JobState, number>>> {
  const counts: Record<string, Record<JobState, number>> = {};
  const queues = new RemedyQueues({ connection: redis, prefix });
  for (const queue of Object.values(queues.byStep)) {
    counts[queue.name] = (await queue.getJobCounts(
      'active',
      'waiting',
      'delayed',
      'prioritized',
      'waiting-children',
      'failed',
    )) as Record<JobState, number>;
  }
  await queues.close();
  return counts;
}
