import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';
import { syntheticSeed } from './support/synthetic-seed.js';
import { BenchSystem } from './support/system.js';

export const RSS_TARGET_MB = 200;

/** V8 heap settings that keep the workers' garbage in check (see bench/README.md). */
export const RECOMMENDED_V8_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=160'];

export type PeakRss = Array<{ service: string; pid: number; peakRssMb: number }>;

/** One figure per worker: its peak resident memory (VmHWM) against the target. */
export function rssFigures(section: string, peaks: PeakRss, note: string): Figure[] {
  const figures = peaks.map(({ service, peakRssMb }) =>
    figure(section, `${service} peak RSS`, peakRssMb, 'MB', { op: '<', value: RSS_TARGET_MB }),
  );
  for (const fig of figures) printFigure(fig);
  printNote(note);
  return figures;
}

/**
 * The same three 10,000-item remedies as the calls section (5%, 20% and 50% unavailable), by workers
 * started with RECOMMENDED_V8_FLAGS: what those flags do to the peaks measured without them.
 */
export async function runMemoryWithFlags(): Promise<Figure[]> {
  printHeading(`Peak RSS with ${RECOMMENDED_V8_FLAGS.join(' ')} (the three 10,000-item remedies again)`);
  const { seed, playlists } = syntheticSeed(
    [0.05, 0.2, 0.5].map((unavailableShare) => ({ items: 10_000, unavailableShare })),
    11_001,
  );
  const system = await BenchSystem.start({ label: 'memory', seed, nodeFlags: RECOMMENDED_V8_FLAGS });
  try {
    for (const playlist of playlists) await system.wait(await system.submit(playlist.id));
    return rssFigures(
      'memory-flags',
      await system.peakRssMb(),
      'VmHWM of each worker process after the remedies (bundled, as in the Dockerfile, plus the flags)',
    );
  } finally {
    await system.close();
  }
}

export function printRssHeading(): void {
  printHeading('Peak RSS of each worker, 10,000-item playlists (VmHWM after the three 10,000-item remedies)');
}
