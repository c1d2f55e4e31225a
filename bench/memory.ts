import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';
import { syntheticSeed } from './support/synthetic-seed.js';
import { BenchSystem } from './support/system.js';

export const RSS_TARGET_MB = 200;

export type PeakRss = Array<{ service: string; pid: number; peakRssMb: number }>;

/** One figure per worker: its peak resident memory (VmHWM) against the target. */
export function rssFigures(section: string, peaks: PeakRss, note: string, withTarget = true): Figure[] {
  const figures = peaks.map(({ service, peakRssMb }) =>
    figure(
      section,
      `${service} peak RSS`,
      peakRssMb,
      'MB',
      withTarget ? { op: '<', value: RSS_TARGET_MB } : undefined,
    ),
  );
  for (const fig of figures) printFigure(fig);
  printNote(note);
  return figures;
}

/**
 * The same three 10,000-item remedies as the calls section (5%, 20% and 50% unavailable), by workers
 * started WITHOUT the Dockerfile's V8 flags: what the flags save (no target; for comparison).
 */
export async function runMemoryWithoutFlags(): Promise<Figure[]> {
  printHeading("Peak RSS without the Dockerfile's NODE_OPTIONS (V8's defaults, for comparison)");
  const { seed, playlists } = syntheticSeed(
    [0.05, 0.2, 0.5].map((unavailableShare) => ({ items: 10_000, unavailableShare })),
    11_001,
  );
  const system = await BenchSystem.start({ label: 'memory', seed, nodeFlags: [] });
  try {
    for (const playlist of playlists) await system.wait(await system.submit(playlist.id));
    return rssFigures(
      'memory-no-flags',
      await system.peakRssMb(),
      'VmHWM of each worker process after the remedies, V8 left to size its heap from the host',
      false,
    );
  } finally {
    await system.close();
  }
}

export function printRssHeading(): void {
  printHeading('Peak RSS of each worker, 10,000-item playlists (VmHWM after the three 10,000-item remedies)');
}
