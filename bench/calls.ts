import type { RequestLogEntry } from '@tidal-remedy/tidal-emulator';
import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';
import { type LowerBound, lowerBound } from './support/lower-bound.js';
import { stepCalls } from './support/step-calls.js';
import { syntheticSeed } from './support/synthetic-seed.js';
import { BenchSystem } from './support/system.js';

/** Calls within 1.1× the lower bound (issue 11: about 1,100 calls at 10,000 items, 5% unavailable)… */
export const CALLS_TARGET = 1.1;
/**
 * …and 1.15× when half the playlist is unavailable: one in ten of its unavailable tracks (the synthetic
 * mix) has its ISRC twin on a compilation, and listing that recording's releases to prefer the original
 * (design 7.1) is a call beyond the bound; at half unavailable these listings alone are ~0.12× the bound.
 */
export const CALLS_TARGET_HALF_UNAVAILABLE = 1.15;
const SIZES = [100, 1_000, 10_000];
const SHARES = [0.05, 0.2, 0.5];

export interface CallsResult {
  figures: Figure[];
  /** Peak RSS of each worker after the 10,000-item remedies. */
  peakRss: Array<{ service: string; pid: number; peakRssMb: number }>;
}

const TOKEN_PATH = '/oauth2/token';

/**
 * API calls against the lower bound: one remedy (mode new) of each synthetic playlist, one at a time, the
 * emulator without latency or limit; the calls counted are those the emulator served (its request log),
 * cleared before each remedy.
 */
export async function runCalls(
  options: { only?: (items: number, share: number) => boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<CallsResult> {
  printHeading('API calls vs the lower bound (mode new; emulator request log; token requests apart)');
  const specs = SIZES.flatMap((items) =>
    SHARES.filter((share) => options.only?.(items, share) ?? true).map((unavailableShare) => ({
      items,
      unavailableShare,
    })),
  );
  const { seed, playlists } = syntheticSeed(specs);
  const system = await BenchSystem.start({
    label: 'calls',
    seed,
    ...(options.env ? { env: options.env } : {}),
  });
  const figures: Figure[] = [];
  let peakRss: CallsResult['peakRss'] = [];
  try {
    for (const playlist of playlists) {
      system.emulator.clearRequests();
      const record = await system.wait(await system.submit(playlist.id), 600_000);
      const report = await system.report(record);
      const served = system.emulator.requests();
      const api = served.filter((entry) => entry.path !== TOKEN_PATH);
      const tokens = served.length - api.length;
      const bound = lowerBound(playlist);
      const ratio = api.length / bound.total;
      const steps = await stepCalls(system, record.id);
      const fig = figure(
        'calls',
        `${playlist.items} items, ${Math.round(playlist.unavailableShare * 100)}% unavailable`,
        ratio,
        '×',
        {
          op: '<=',
          value: playlist.unavailableShare >= 0.5 ? CALLS_TARGET_HALF_UNAVAILABLE : CALLS_TARGET,
        },
        {
          calls: api.length,
          lowerBound: bound,
          tokenRequests: tokens,
          reportTidalCalls: report.tidalCalls.total,
          byEndpoint: countBy(api),
          byStep: steps,
          unavailable: playlist.unavailable,
          kinds: playlist.kinds,
          replaced: { isrc: report.counts.replacedByIsrc, match: report.counts.replacedByMatch },
          unmatched: report.counts.unmatched,
        },
      );
      figures.push(fig);
      printFigure(fig);
      printNote(
        `${api.length} calls vs bound ${bound.total} (${describeBound(bound)}); ${tokens} token request(s); ` +
          `decisions: ${report.counts.replacedByIsrc} by ISRC, ${report.counts.replacedByMatch} by match, ` +
          `${report.counts.unmatched} none (of ${playlist.unavailable})`,
      );
      printNote(`by step: ${formatCounts(steps)}`);
      if (playlist.items === 10_000) peakRss = await system.peakRssMb();
    }
  } finally {
    await system.close();
  }
  return { figures, peakRss };
}

function describeBound(bound: LowerBound): string {
  return (
    `${bound.pages} pages + ${bound.bulkReads} bulk (undescribed) + ${bound.isrcLookups} ISRC + ` +
    `${bound.searches} searches + ${bound.writes} writes`
  );
}

function countBy(entries: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.method} ${entry.path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function formatCounts(counts: Record<string, Record<string, number>>): string {
  return Object.entries(counts)
    .map(
      ([step, byEndpoint]) =>
        `${step} {${Object.entries(byEndpoint)
          .map(([endpoint, n]) => `${endpoint}: ${n}`)
          .join(', ')}}`,
    )
    .join('; ');
}
