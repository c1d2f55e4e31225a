import type { RemedyReport } from '@tidal-remedy/contracts';
import type { RequestLogEntry } from '@tidal-remedy/tidal-emulator';
import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';
import { syntheticSeed } from './support/synthetic-seed.js';
import { BenchSystem, wallMs } from './support/system.js';

export const WALL_TARGET = 1.25;
/**
 * TIDAL's rate limit (requests per second): 20, where every run takes seconds and the limit, not the
 * latency, bounds a remedy; and 50, past 1 / latency, where the calls that must follow one another
 * (cursor pages, ordered writes) take longer than the limit would allow.
 */
export const RATES = [20, 50];
export const LATENCY_MS = 50;
const MATCHERS = [1, 2, 4];
const PLAYLIST = { items: 1_000, unavailableShare: 0.2 };

const TOKEN_PATH = '/oauth2/token';

/**
 * Wall time against the rate limit: the emulator answers after 50 ms and allows R requests per second
 * (burst R) per client; the workers' shared gate is set to the same R. A remedy (mode new) of a fresh
 * 1,000-item playlist (20% unavailable) with 1, 2 and 4 matcher processes: its wall time (submitted →
 * done, from the remedy record) against calls / R, the least time those calls can take under the limit.
 * After the first rate, the cache: its last remedy run again, unchanged.
 */
export async function runWallTimeAndCache(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [index, rate] of RATES.entries()) {
    figures.push(...(await runAtRate(rate, index === 0)));
  }
  return figures;
}

async function runAtRate(rate: number, withCache: boolean): Promise<Figure[]> {
  printHeading(
    `Wall time vs the rate limit (emulator ${LATENCY_MS} ms latency, ${rate} req/s, burst ${rate}; ` +
      `${PLAYLIST.items} items, ${PLAYLIST.unavailableShare * 100}% unavailable)`,
  );
  const { seed, playlists } = syntheticSeed(
    MATCHERS.map(() => PLAYLIST),
    7_000 + rate,
  );
  const system = await BenchSystem.start({
    label: `wall-${rate}`,
    seed,
    latencyMs: LATENCY_MS,
    rateLimit: { perSecond: rate, burst: rate },
    matchers: 1,
  });
  const figures: Figure[] = [];
  try {
    let cold: { playlistId: string; wallMs: number } | null = null;
    for (const [index, matchers] of MATCHERS.entries()) {
      const playlist = playlists[index]!;
      await system.addWorkers(Array.from({ length: matchers - system.count('matcher') }, () => 'matcher'));
      // A quiet second refills the emulator's bucket, as the gate's: each run starts from the same burst.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      system.emulator.clearRequests();
      const record = await system.wait(await system.submit(playlist.id));
      const report = await system.report(record);
      const served = system.emulator.requests().filter((entry) => entry.path !== TOKEN_PATH);
      const rateLimited = served.filter((entry) => entry.status === 429).length;
      const wall = wallMs(record);
      const floorMs = (served.length / rate) * 1000;
      const fig = figure(
        'wall',
        `${rate} req/s, ${matchers} matcher process${matchers > 1 ? 'es' : ''}`,
        wall / floorMs,
        '×',
        { op: '<=', value: WALL_TARGET },
        {
          wallMs: wall,
          calls: served.length,
          callsOverRateMs: floorMs,
          rateLimited,
          requestsPerSecond: rate,
          stepsMs: report.timingsMs,
          byEndpoint: countBy(served),
        },
      );
      figures.push(fig);
      printFigure(fig);
      printNote(
        `${seconds(wall)} for ${served.length} calls (calls / R = ${seconds(floorMs)}; ` +
          `${(served.length / (wall / 1000)).toFixed(1)} req/s achieved); ${rateLimited} answered 429; ` +
          `steps: ${describeSteps(report)}`,
      );
      cold = { playlistId: playlist.id, wallMs: wall };
    }
    if (withCache && cold) figures.push(...(await runCache(system, cold)));
  } finally {
    await system.close();
  }
  return figures;
}

/** The cold remedy run again: the playlist is unchanged, so every step's output is in the cache. */
async function runCache(
  system: BenchSystem,
  cold: { playlistId: string; wallMs: number },
): Promise<Figure[]> {
  printHeading('Cache: the last remedy run again (same playlist, unchanged)');
  system.emulator.clearRequests();
  const record = await system.wait(await system.submit(cold.playlistId));
  const report = await system.report(record);
  const served = system.emulator.requests().filter((entry) => entry.path !== TOKEN_PATH);
  const calls = figure(
    'cache',
    'API calls of the repeated remedy',
    served.length,
    'calls',
    { op: '<=', value: 1 },
    { byEndpoint: countBy(served), cache: report.cache },
  );
  const time = figure('cache', 'wall time, repeated vs cold', wallMs(record) / cold.wallMs, '×', null, {
    repeatedMs: wallMs(record),
    coldMs: cold.wallMs,
  });
  printFigure(calls);
  printNote(`calls: ${JSON.stringify(countBy(served))}; cache: ${JSON.stringify(report.cache)}`);
  printFigure(time);
  printNote(`${wallMs(record)} ms repeated vs ${cold.wallMs} ms cold`);
  return [calls, time];
}

function countBy(entries: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.method} ${entry.path}${entry.status === 429 ? ' (429)' : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function describeSteps(report: RemedyReport): string {
  const { fetch, match, publish } = report.timingsMs;
  return `fetch ${seconds(fetch)}, match ${seconds(match)}, publish ${seconds(publish)}`;
}
