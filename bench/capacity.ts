import os from 'node:os';
import { TRACK_MEMORY_TTL_SECONDS } from '@tidal-remedy/pipeline';
import { JOBS } from '@tidal-remedy/queue';
import { startPrivateRedis } from '@tidal-remedy/test-support/redis-server';
import type { Redis } from 'ioredis';
import { type Figure, figure, printFigure, printHeading, printNote } from './support/figures.js';
import { type SyntheticPlaylist, syntheticSeed } from './support/synthetic-seed.js';
import { BenchSystem } from './support/system.js';

/**
 * What one Redis (one shard: one REDIS_PREFIX, one hash tag, one Redis or one Cluster master) carries.
 * Runs on a private redis-server configured as production wants it (append-only file, fsync every second,
 * noeviction), so its CPU and memory are the benchmark's alone:
 * - memory: what a remedy leaves in Redis, by kind (its record, its report, the fetched playlist, the
 *   match decisions, the memory of its tracks' details, its BullMQ jobs), measured key by key (MEMORY USAGE) before and after a remedy of
 *   1,000 and of 10,000 items, and the peak while it runs;
 * - throughput: jobs per second through the flow (fetch, the match jobs, publish) with remedies submitted
 *   at once, and Redis's CPU time per job, which bounds what one Redis (single-threaded) carries.
 * From those and the calls a remedy makes, the remedies a day one shard holds against TIDAL's rate limit.
 */

const MEMORY_PLAYLISTS = [
  { items: 1_000, unavailableShare: 0.2 },
  { items: 10_000, unavailableShare: 0.2 },
];
const THROUGHPUT = { remedies: 20, items: 1_000, unavailableShare: 0.2, matchers: 2 };
/** TIDAL publishes no rate limit (libs/tidal/README.md): the app's limit, as TIDAL_RATE_LIMIT_PER_SECOND. */
const TIDAL_RATES = [10, 20, 50];
const DAY_S = 24 * 60 * 60;
/** How long what a remedy leaves is kept: step cache and records 30 days; completed jobs 7 days. */
const CACHE_DAYS = 30;
const JOB_DAYS = 7;
/** The memory of tracks' details lives this long after the last read that saw each track. */
const TRACK_MEMORY_DAYS = TRACK_MEMORY_TTL_SECONDS / DAY_S;
const COMPLETED_JOBS_KEPT = (JOBS.match.options.removeOnComplete as { count: number }).count;
/** Target: Redis's CPU is not what bounds a shard, even at the highest rate considered. */
const CPU_HEADROOM_TARGET = 10;
/** A Redis of this size (a common managed size) for the memory bound; it scales linearly. */
const REDIS_MEMORY_GB = 16;

type Kind = 'record' | 'report' | 'fetched playlist' | 'match decisions' | 'track memory' | 'jobs' | 'other';

interface RemedyFootprint {
  playlist: SyntheticPlaylist;
  /** Bytes each kind of key grew by. */
  bytes: Record<Kind, number>;
  /** used_memory's highest point while the remedy ran, above where it started. */
  peakBytes: number;
  calls: number;
}

export async function runCapacity(): Promise<Figure[]> {
  printHeading(
    'Capacity of one Redis (private redis-server: appendonly yes, appendfsync everysec, noeviction)',
  );
  const redisServer = await startPrivateRedis({ persistent: true });
  const figures: Figure[] = [];
  const add = (fig: Figure, note?: string) => {
    figures.push(fig);
    printFigure(fig);
    if (note) printNote(note);
  };
  try {
    const { seed, playlists } = syntheticSeed(
      [
        ...MEMORY_PLAYLISTS,
        ...Array.from({ length: THROUGHPUT.remedies }, () => ({
          items: THROUGHPUT.items,
          unavailableShare: THROUGHPUT.unavailableShare,
        })),
      ],
      13_001,
    );
    const system = await BenchSystem.start({
      label: 'capacity',
      seed,
      matchers: THROUGHPUT.matchers,
      redisUrl: redisServer.url,
    });
    let footprints: RemedyFootprint[];
    let throughput: Awaited<ReturnType<typeof measureThroughput>>;
    try {
      footprints = [];
      for (const playlist of playlists.slice(0, MEMORY_PLAYLISTS.length)) {
        footprints.push(await measureFootprint(system, playlist));
      }
      throughput = await measureThroughput(system, playlists.slice(MEMORY_PLAYLISTS.length));
    } finally {
      await system.close();
    }

    for (const footprint of footprints) {
      const per1000 = 1000 / footprint.playlist.items;
      const label = `${footprint.playlist.items} items`;
      const kb = (bytes: number) => bytes / 1024;
      add(figure('capacity', `remedy record, ${label}`, kb(footprint.bytes.record), 'KB'));
      add(
        figure('capacity', `report per 1,000 items (${label})`, kb(footprint.bytes.report * per1000), 'KB'),
      );
      add(
        figure(
          'capacity',
          `fetched playlist (cached pages) per 1,000 items (${label})`,
          kb(footprint.bytes['fetched playlist'] * per1000),
          'KB',
        ),
      );
      add(
        figure(
          'capacity',
          `match decisions per 1,000 items (${label})`,
          kb(footprint.bytes['match decisions'] * per1000),
          'KB',
        ),
      );
      add(
        figure(
          'capacity',
          `memory of tracks' details per 1,000 items (${label})`,
          kb(footprint.bytes['track memory'] * per1000),
          'KB',
        ),
      );
      add(
        figure(
          'capacity',
          `completed jobs per 1,000 items (${label})`,
          kb(footprint.bytes.jobs * per1000),
          'KB',
        ),
      );
      add(
        figure(
          'capacity',
          `peak while running per 1,000 items (${label})`,
          kb(footprint.peakBytes * per1000),
          'KB',
        ),
        `${footprint.playlist.unavailable} unavailable; every kind in bytes: ${JSON.stringify(footprint.bytes)}; ` +
          `${footprint.calls} TIDAL calls`,
      );
    }

    add(
      figure(
        'capacity',
        'jobs per second through the flow, this machine',
        throughput.jobsPerSecond,
        'per s',
        null,
        {
          ...throughput,
        },
      ),
      `${throughput.remedies} remedies of ${THROUGHPUT.items} items (${throughput.jobs} jobs) submitted at once, ` +
        `1 fetcher, ${THROUGHPUT.matchers} matchers, 1 publisher on ${throughput.cpus} CPUs: ` +
        `${(throughput.elapsedMs / 1000).toFixed(1)} s; Redis busy ${(throughput.redisBusyShare * 100).toFixed(0)}% of it`,
    );
    add(figure('capacity', 'Redis CPU time per job', throughput.redisCpuMsPerJob, 'ms'));
    add(figure('capacity', 'Redis commands per job', throughput.commandsPerJob, ''));
    const redisJobsPerSecond = 1000 / throughput.redisCpuMsPerJob;
    add(
      figure('capacity', 'jobs per second one Redis core carries', redisJobsPerSecond, 'per s'),
      'its CPU time per job, all of one core: where Redis itself would be the bottleneck',
    );

    // One shard, a day: what TIDAL's limit allows, what Redis's CPU and memory allow.
    const typical = footprints[0]!;
    const jobsPerRemedy = 2 + typical.playlist.unavailable;
    const callsPerRemedy = throughput.callsPerRemedy;
    const retained = retainedBytes(typical);
    printNote(
      `one remedy of ${typical.playlist.items} items, ${typical.playlist.unavailable} unavailable: ` +
        `${callsPerRemedy.toFixed(0)} TIDAL calls, ${jobsPerRemedy} jobs, ` +
        `${(retained.cache / 1024).toFixed(0)} KB kept ${CACHE_DAYS} days, ${(retained.memory / 1024).toFixed(0)} KB of ` +
        `tracks' details kept ${TRACK_MEMORY_DAYS} days, ${(retained.jobs / 1024).toFixed(0)} KB of jobs kept ${JOB_DAYS} days`,
    );
    const redisCpuRemediesPerDay = (redisJobsPerSecond * DAY_S) / jobsPerRemedy;
    add(
      figure(
        'capacity',
        `remedies a day one Redis's CPU allows (${typical.playlist.items} items)`,
        redisCpuRemediesPerDay,
        'per day',
      ),
    );
    for (const rate of TIDAL_RATES) {
      const perDay = (rate * DAY_S) / callsPerRemedy;
      add(
        figure(
          'capacity',
          `remedies a day at ${rate} req/s to TIDAL (${typical.playlist.items} items)`,
          perDay,
          'per day',
        ),
      );
    }
    const fastest = Math.max(...TIDAL_RATES);
    const jobRateAtFastest = (fastest * jobsPerRemedy) / callsPerRemedy;
    add(
      figure(
        'capacity',
        `Redis CPU headroom over ${fastest} req/s to TIDAL`,
        redisJobsPerSecond / jobRateAtFastest,
        '×',
        { op: '>=', value: CPU_HEADROOM_TARGET },
      ),
      `${fastest} req/s of TIDAL calls make ${jobRateAtFastest.toFixed(1)} jobs/s; one Redis core carries ${redisJobsPerSecond.toFixed(0)}`,
    );
    for (const rate of TIDAL_RATES) {
      const perDay = (rate * DAY_S) / callsPerRemedy;
      add(
        figure(
          'capacity',
          `Redis memory kept at ${rate} req/s (steady state)`,
          steadyStateBytes(typical, perDay) / 1024 ** 3,
          'GB',
        ),
      );
    }
    add(
      figure(
        'capacity',
        `remedies a day a ${REDIS_MEMORY_GB} GB Redis keeps (${typical.playlist.items} items)`,
        remediesPerDayWithin(typical, REDIS_MEMORY_GB * 1024 ** 3),
        'per day',
      ),
    );
    printNote(
      `records and step cache ${CACHE_DAYS} days, tracks' details ${TRACK_MEMORY_DAYS} days, completed jobs ${JOB_DAYS} days (at most ` +
        `${COMPLETED_JOBS_KEPT.toLocaleString('en')} per queue); fresh playlists, nothing shared between remedies`,
    );
  } finally {
    await redisServer.close();
  }
  return figures;
}

/**
 * What a remedy leaves, split by how long it is kept. The memory of tracks' details is per track, not per
 * remedy (remedies of the same tracks share it); fresh playlists, as here, are its worst case.
 */
function retainedBytes(footprint: RemedyFootprint): { cache: number; memory: number; jobs: number } {
  const { bytes } = footprint;
  return {
    cache: bytes.record + bytes.report + bytes['fetched playlist'] + bytes['match decisions'] + bytes.other,
    memory: bytes['track memory'],
    jobs: bytes.jobs,
  };
}

/**
 * Redis's memory once a steady pace of remedies has run longer than everything is kept: 30 days of records
 * and step cache, 7 days of completed jobs but at most COMPLETED_JOBS_KEPT per queue (the match queue's
 * cap binds first: it takes one job per unavailable track).
 */
function steadyStateBytes(footprint: RemedyFootprint, remediesPerDay: number): number {
  const { cache, memory, jobs } = retainedBytes(footprint);
  const jobsPerRemedy = 2 + footprint.playlist.unavailable;
  const jobsKept = Math.min(remediesPerDay * JOB_DAYS * jobsPerRemedy, COMPLETED_JOBS_KEPT * 3);
  return (
    remediesPerDay * (CACHE_DAYS * cache + TRACK_MEMORY_DAYS * memory) + (jobsKept * jobs) / jobsPerRemedy
  );
}

/** The pace of remedies whose steady state fills `bytes` (it grows with the pace: bisection). */
function remediesPerDayWithin(footprint: RemedyFootprint, bytes: number): number {
  let low = 0;
  let high = 1;
  while (steadyStateBytes(footprint, high) < bytes) high *= 2;
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (steadyStateBytes(footprint, middle) < bytes) low = middle;
    else high = middle;
  }
  return low;
}

async function measureFootprint(system: BenchSystem, playlist: SyntheticPlaylist): Promise<RemedyFootprint> {
  const before = await keySizes(system.redis, system.prefix);
  const startBytes = await usedMemory(system.redis);
  let peak = startBytes;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await usedMemory(system.redis));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  let record: Awaited<ReturnType<BenchSystem['wait']>>;
  try {
    record = await system.wait(await system.submit(playlist.id), 600_000);
  } finally {
    sampling = false;
    await sampler;
  }
  const report = await system.report(record);
  const after = await keySizes(system.redis, system.prefix);
  const bytes: Record<Kind, number> = {
    record: 0,
    report: 0,
    'fetched playlist': 0,
    'match decisions': 0,
    'track memory': 0,
    jobs: 0,
    other: 0,
  };
  for (const [key, size] of after) {
    const grew = size - (before.get(key) ?? 0);
    if (grew === 0) continue;
    bytes[kindOf(key, system.prefix, record)] += grew;
  }
  return { playlist, bytes, peakBytes: peak - startBytes, calls: report.tidalCalls.total };
}

function kindOf(
  key: string,
  prefix: string,
  record: { id: string; reportRef?: string | null; snapshotRef?: string | null },
): Kind {
  if (key === record.reportRef) return 'report';
  if (key === record.snapshotRef) return 'fetched playlist';
  if (key.startsWith(`${prefix}:remedy:${record.id}`)) return 'record';
  if (key.startsWith(`${prefix}:cache:match:`)) return 'match decisions';
  if (key.startsWith(`${prefix}:cache:track-memory:`)) return 'track memory';
  if (/^[^:]+:remedy-(fetch|match|publish):/.test(key)) return 'jobs';
  return 'other';
}

async function measureThroughput(system: BenchSystem, playlists: SyntheticPlaylist[]) {
  const statsBefore = await redisStats(system.redis);
  const ids = await Promise.all(playlists.map((playlist) => system.submit(playlist.id)));
  const records = await Promise.all(ids.map((id) => system.wait(id, 600_000)));
  const statsAfter = await redisStats(system.redis);
  const started = Math.min(...records.map((record) => Date.parse(record.timestamps.createdAt)));
  const finished = Math.max(...records.map((record) => Date.parse(record.timestamps.finishedAt ?? '')));
  const elapsedMs = finished - started;
  const jobs = playlists.reduce((sum, playlist) => sum + 2 + playlist.unavailable, 0);
  const reports = await Promise.all(records.map((record) => system.report(record)));
  const redisCpuMs = (statsAfter.cpuSeconds - statsBefore.cpuSeconds) * 1000;
  return {
    remedies: records.length,
    jobs,
    elapsedMs,
    cpus: os.cpus().length,
    jobsPerSecond: jobs / (elapsedMs / 1000),
    redisCpuMs,
    redisCpuMsPerJob: redisCpuMs / jobs,
    redisBusyShare: redisCpuMs / elapsedMs,
    commandsPerJob: (statsAfter.commands - statsBefore.commands) / jobs,
    callsPerRemedy: reports.reduce((sum, report) => sum + report.tidalCalls.total, 0) / reports.length,
  };
}

/** MEMORY USAGE (exact: every element sampled) of every key under the prefix. */
async function keySizes(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const sizes = new Map<string, number>();
  for (let start = 0; start < keys.length; start += 500) {
    const slice = keys.slice(start, start + 500);
    const pipeline = redis.pipeline();
    for (const key of slice) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const results = (await pipeline.exec()) ?? [];
    slice.forEach((key, index) => {
      const [error, size] = results[index] ?? [];
      if (!error && typeof size === 'number') sizes.set(key, size);
    });
  }
  return sizes;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1] ?? Number.NaN);
}

/** Redis's CPU time (its own and its children's: AOF rewrites) and the commands it has processed. */
async function redisStats(redis: Redis): Promise<{ cpuSeconds: number; commands: number }> {
  const info = await redis.info();
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  return {
    cpuSeconds:
      field('used_cpu_sys') +
      field('used_cpu_user') +
      field('used_cpu_sys_children') +
      field('used_cpu_user_children'),
    commands: field('total_commands_processed'),
  };
}
