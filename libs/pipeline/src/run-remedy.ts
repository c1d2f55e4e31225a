import { randomBytes } from 'node:crypto';
import type { PublishMode, RemedyReport, ResolvedRemedyRequest } from '@tidal-remedy/contracts';
import pLimit from 'p-limit';
import { lookupOf, matchLookups } from './cache-counts.js';
import { decisionsByPosition } from './decisions.js';
import { fetchAndPlan } from './fetch-and-plan.js';
import { matchStep } from './match-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { publishAndReport } from './publish-and-report.js';

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
 * the report. The steps and the report are the ones the workers use, so the decisions are the same.
 */
export async function runRemedy(
  request: RunnableRequest,
  deps: PipelineDeps,
  options: RunRemedyOptions = {},
): Promise<RemedyReport> {
  const progress = options.onProgress ?? (() => {});
  const remedyId = options.remedyId ?? `rem-local${randomBytes(6).toString('base64url')}`;
  const startedAt = new Date().toISOString();
  const clock = performance.now();

  progress({ step: 'fetch', status: 'started' });
  const { snapshot, hit, plan, explicit, progress: fetched } = await fetchAndPlan(deps, request);
  progress({ step: 'fetch', status: 'done', ...fetched, cached: hit });
  const fetchMs = performance.now() - clock;

  const total = plan.cached.length + plan.tasks.length;
  let done = plan.cached.length;
  progress({ step: 'match', status: 'progress', done, total });
  const limit = pLimit(options.matchConcurrency ?? 4);
  const matched = await limit.map(plan.tasks, async (task) => {
    const output = await matchStep(deps, {
      original: task.original,
      isrcTwin: task.isrcTwin,
      countryCode: request.countryCode,
      refresh: request.refresh,
      explicit,
    });
    done += 1;
    progress({ step: 'match', status: 'progress', done, total });
    return { positions: task.positions, decision: output.decision, hit: output.hit };
  });
  const matchMs = performance.now() - clock - fetchMs;

  progress({ step: 'publish', status: 'started' });
  const matchHits = plan.cached.length + matched.filter((entry) => entry.hit).length;
  const { report } = await publishAndReport(
    deps,
    {
      remedyId,
      request,
      snapshot,
      decisions: decisionsByPosition([...plan.cached, ...matched]),
      cache: { fetch: lookupOf(hit), match: matchLookups(matchHits, total) },
      tidalCalls: deps.tidal.stats.snapshot().byEndpoint,
      timingsMs: { fetch: fetchMs, match: matchMs, total: performance.now() - clock },
      startedAt,
    },
    request.mode,
  );
  progress({ step: 'publish', status: 'done' });
  return report;
}
