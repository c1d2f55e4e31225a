import type { RemedyRecord } from '@tidal-remedy/contracts';
import { type Figure, figure, printFigure, printHeading, printNote, quantile } from './support/figures.js';
import { remedyJobs } from './support/step-calls.js';
import { syntheticSeed } from './support/synthetic-seed.js';
import { type BenchSystem, BenchSystem as System, wallMs } from './support/system.js';

const PLAYLIST = { items: 100, unavailableShare: 0.2 };
const SEQUENTIAL = 30;
const CONCURRENCY = [1, 2, 5, 10, 20, 50];
/** Remedies run per concurrency level at least (in rounds of `concurrency` submitted at once). */
const PER_LEVEL = 10;

interface Handoffs {
  queueToFetch: number;
  fetchToMatch: number;
  matchToPublish: number;
}

/**
 * Queue overhead, with the emulator answering at once and no rate limit, so what is left is the system's
 * own time: the handoffs between steps, from the BullMQ jobs' own timestamps, over remedies run one at a
 * time; then remedies per second end to end with 1 to 50 submitted at once (one process per worker
 * service, 4 jobs at a time each, on this machine).
 */
export async function runOverhead(): Promise<Figure[]> {
  printHeading(
    `Overhead (emulator without latency or limit; ${PLAYLIST.items}-item playlists, ` +
      `${PLAYLIST.unavailableShare * 100}% unavailable: ${PLAYLIST.items * PLAYLIST.unavailableShare} match jobs each)`,
  );
  const levels = CONCURRENCY.map((concurrency) => ({
    concurrency,
    rounds: Math.ceil(PER_LEVEL / concurrency),
  }));
  const count = 1 + SEQUENTIAL + levels.reduce((sum, level) => sum + level.concurrency * level.rounds, 0);
  const { seed, playlists } = syntheticSeed(
    Array.from({ length: count }, () => PLAYLIST),
    9_001,
  );
  const ids = playlists.map((playlist) => playlist.id);
  const next = () => {
    const id = ids.shift();
    if (id === undefined) throw new Error('ran out of benchmark playlists');
    return id;
  };
  const system = await System.start({ label: 'overhead', seed });
  const figures: Figure[] = [];
  try {
    // One remedy first, so that what follows does not include the workers' first-use warm-up.
    await system.wait(await system.submit(next()));

    const samples: Handoffs[] = [];
    for (let n = 0; n < SEQUENTIAL; n++) {
      const record = await system.wait(await system.submit(next()));
      samples.push(await handoffs(system, record.id));
    }
    const handoffNames: Array<[keyof Handoffs, string]> = [
      ['queueToFetch', 'handoff submitted → fetch started'],
      ['fetchToMatch', 'handoff matches queued → first match started'],
      ['matchToPublish', 'handoff last match done → publish started'],
    ];
    for (const [key, name] of handoffNames) {
      const values = samples.map((sample) => sample[key]);
      for (const [q, label] of [
        [0.5, 'p50'],
        [0.99, 'p99'],
      ] as const) {
        const fig = figure('overhead', `${name} ${label}`, quantile(values, q), 'ms', null, {
          samples: values.length,
        });
        figures.push(fig);
        printFigure(fig);
      }
    }
    printNote(`over ${SEQUENTIAL} remedies run one at a time, from BullMQ's job timestamps`);

    for (const { concurrency, rounds } of levels) {
      let elapsedMs = 0;
      const walls: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const submitted = await Promise.all(Array.from({ length: concurrency }, () => system.submit(next())));
        const records: RemedyRecord[] = await Promise.all(submitted.map((id) => system.wait(id)));
        const started = Math.min(...records.map((record) => Date.parse(record.timestamps.createdAt)));
        const finished = Math.max(...records.map((record) => Date.parse(record.timestamps.finishedAt ?? '')));
        elapsedMs += finished - started;
        walls.push(...records.map(wallMs));
      }
      const total = concurrency * rounds;
      const fig = figure(
        'overhead',
        `remedies per second, ${concurrency} at once`,
        total / (elapsedMs / 1000),
        'per s',
        null,
        { remedies: total, elapsedMs, wallP50Ms: quantile(walls, 0.5), wallP99Ms: quantile(walls, 0.99) },
      );
      figures.push(fig);
      printFigure(fig);
      printNote(
        `${total} remedies in ${(elapsedMs / 1000).toFixed(2)} s; each took p50 ${quantile(walls, 0.5)} ms, ` +
          `p99 ${quantile(walls, 0.99)} ms`,
      );
    }
  } finally {
    await system.close();
  }
  return figures;
}

/**
 * A remedy's handoffs: submitted → its fetch job started; the match jobs added (the flow, at the end of
 * the fetch job) → the first of them started; the last of them finished → the publish job started.
 */
async function handoffs(system: BenchSystem, remedyId: string): Promise<Handoffs> {
  const { fetch, matches, publish } = await remedyJobs(system, remedyId);
  if (matches.length === 0) throw new Error(`remedy ${remedyId} ran no match job`);
  const at = (value: number | undefined, what: string) => {
    if (value === undefined) throw new Error(`a job of remedy ${remedyId} has no ${what} time`);
    return value;
  };
  return {
    queueToFetch: at(fetch.processedOn, 'start') - fetch.timestamp,
    fetchToMatch:
      Math.min(...matches.map((job) => at(job.processedOn, 'start'))) -
      Math.min(...matches.map((job) => job.timestamp)),
    matchToPublish:
      at(publish.processedOn, 'start') - Math.max(...matches.map((job) => at(job.finishedOn, 'finish'))),
  };
}
