import { randomBytes } from 'node:crypto';
import {
  DEFAULT_EXPLICIT_POLICY,
  type MatchDecision,
  type PublishMode,
  type RemedyReport,
  type ResolvedRemedyRequest,
} from '@tidal-remedy/contracts';
import { buildReport } from './build-report.js';
import { decisionsByPosition } from './decisions.js';
import { fetchStep } from './fetch-step.js';
import { matchStep } from './match-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { planMatches } from './plan-matches.js';
import { publishStep } from './publish-step.js';

export type ProgressEvent =
  | { step: 'fetch'; status: 'started' }
  | {
      step: 'fetch';
      status: 'done';
      playlistName: string;
      items: number;
      unavailable: number;
      cached: boolean;
    }
  | { step: 'match'; status: 'progress'; done: number; total: number }
  | { step: 'publish'; status: 'started' | 'done' };

/** A request one process can carry out alone: review mode needs a person between match and publish. */
export type RunnableRequest = Omit<ResolvedRemedyRequest, 'mode'> & { mode: PublishMode };

export interface RunRemedyOptions {
  remedyId?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Tracks matched at once. */
  matchConcurrency?: number;
}

/**
 * Mode 1: a whole remedy in this process, no queues: fetch, match every unavailable track, publish, and
 * the report. The steps are the ones the workers run, so the decisions are the same.
 */
export async function runRemedy(
  request: RunnableRequest,
  deps: PipelineDeps,
  options: RunRemedyOptions = {},
): Promise<RemedyReport> {
  const progress = options.onProgress ?? (() => {});
  const remedyId = options.remedyId ?? `rem-local${randomBytes(6).toString('base64url')}`;
  const startedAt = new Date();
  const clock = performance.now();

  progress({ step: 'fetch', status: 'started' });
  const fetched = await fetchStep(deps, {
    playlistId: request.playlist,
    countryCode: request.countryCode,
    refresh: request.refresh,
  });
  const explicit = request.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const plan = await planMatches(deps, fetched.snapshot, request.refresh, explicit);
  const unavailable = fetched.snapshot.items.filter((item) => !item.track.available).length;
  progress({
    step: 'fetch',
    status: 'done',
    playlistName: fetched.snapshot.playlist.name,
    items: fetched.snapshot.items.length,
    unavailable,
    cached: fetched.hit,
  });
  const fetchMs = performance.now() - clock;

  const total = plan.cached.length + plan.tasks.length;
  let done = plan.cached.length;
  progress({ step: 'match', status: 'progress', done, total });
  const matched: Array<{ positions: number[]; decision: MatchDecision; hit: boolean }> = [];
  await eachLimited(plan.tasks, options.matchConcurrency ?? 4, async (task) => {
    const output = await matchStep(deps, {
      original: task.original,
      isrcTwin: task.isrcTwin,
      countryCode: request.countryCode,
      refresh: request.refresh,
      explicit,
    });
    matched.push({ positions: task.positions, decision: output.decision, hit: output.hit });
    done += 1;
    progress({ step: 'match', status: 'progress', done, total });
  });
  const matchMs = performance.now() - clock - fetchMs;

  progress({ step: 'publish', status: 'started' });
  const decisions = decisionsByPosition([...plan.cached, ...matched]);
  const published = await publishStep(deps, {
    snapshot: fetched.snapshot,
    decisions,
    mode: request.mode,
    unmatched: request.unmatched,
    refresh: request.refresh,
  });
  progress({ step: 'publish', status: 'done' });
  const totalMs = performance.now() - clock;

  const matchHits = plan.cached.length + matched.filter((entry) => entry.hit).length;
  return buildReport({
    remedyId,
    request,
    snapshot: fetched.snapshot,
    decisions,
    published: published.published,
    cache: {
      fetch: { hits: fetched.hit ? 1 : 0, misses: fetched.hit ? 0 : 1 },
      match: { hits: matchHits, misses: total - matchHits },
      publish: { hits: published.hit ? 1 : 0, misses: published.hit || published.published === null ? 0 : 1 },
    },
    tidalCalls: deps.tidal.stats.snapshot().byEndpoint,
    timingsMs: { fetch: fetchMs, match: matchMs, publish: totalMs - fetchMs - matchMs, total: totalMs },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  });
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
