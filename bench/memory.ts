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
 * The 10,000-item playlist with half its tracks unavailable (the largest flow and report) remedied by
 * workers started with RECOMMENDED_V8_FLAGS: what those flags do to the peaks measured without them.
 */
export async function runMemoryWithFlags(): Promise<Figure[]> {
  printHeading(`Peak RSS with ${RECOMMENDED_V8_FLAGS.join(' ')} (10,000 items, 50% unavailable)`);
  const { seed, playlists } = syntheticSeed([{ items: 10_000, unavailableShare: 0.5 }]);
  const system = await BenchSystem.start({ label: 'memory', seed, nodeFlags: RECOMMENDED_V8_FLAGS });
  try {
    await system.wait(await system.submit(playlists[0]!.id));
    return rssFigures(
      'memory-flags',
      await system.peakRssMb(),
      'VmHWM of each worker process after the remedy (bundled, as in the Dockerfile, plus the flags)',
    );
  } finally {
    await system.close();
  }
}

export function printRssHeading(): void {
  printHeading('Peak RSS of each worker, 10,000-item playlists (VmHWM after the three 10,000-item remedies)');
}
