import type {
  CallCounts,
  ItemReview,
  MatchDecision,
  PlaylistSnapshot,
  PublishMode,
  RemedyReport,
  ResolvedRemedyRequest,
} from '@tidal-remedy/contracts';
import { buildReport } from './build-report.js';
import { type Lookups, publishLookups } from './cache-counts.js';
import { addCallCounts } from './decisions.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { type PublishOutput, publishStep } from './publish-step.js';

/**
 * What fetch and match leave for the report, however they ran: in one process (runRemedy), over the
 * queues (the publish job gathers it from its payload and children), or proposed and then reviewed.
 */
export interface ReportBasis {
  remedyId: string;
  request: ResolvedRemedyRequest;
  snapshot: PlaylistSnapshot;
  decisions: ReadonlyMap<number, MatchDecision>;
  /** After a review: what the person did per position, and when they approved. */
  reviews?: ReadonlyMap<number, ItemReview>;
  review?: RemedyReport['review'];
  cache: { fetch: Lookups; match: Lookups };
  /** TIDAL calls made before publishing. */
  tidalCalls: CallCounts;
  /** `total`: the time taken before publishing. */
  timingsMs: { fetch: number; match: number; total: number };
  startedAt: string;
}

export interface PublishedReport {
  report: RemedyReport;
  publish: PublishOutput;
  publishMs: number;
}

/**
 * Publishes the decisions in `mode` and writes the report: the publish step's cache lookup, its TIDAL
 * calls (what `deps.tidal` counted meanwhile) and its time are added to the basis. `since` (epoch ms) is
 * when publishing began, when reading its inputs counts too; the basis' `total` runs until then.
 */
export async function publishAndReport(
  deps: PipelineDeps,
  basis: ReportBasis,
  mode: PublishMode,
  since = Date.now(),
): Promise<PublishedReport> {
  const before = deps.tidal.stats.snapshot().byEndpoint;
  const publish = await publishStep(deps, {
    snapshot: basis.snapshot,
    decisions: basis.decisions,
    mode,
    unmatched: basis.request.unmatched,
    refresh: basis.request.refresh,
  });
  const publishMs = Date.now() - since;
  const calls = subtractCallCounts(deps.tidal.stats.snapshot().byEndpoint, before);
  const report = reportOf(basis, mode, {
    published: publish.published,
    lookups: publishLookups(publish),
    calls,
    ms: publishMs,
  });
  return { report, publish, publishMs };
}

/** The report of a remedy awaiting review: what would be published, with nothing published yet. */
export function proposedReport(basis: ReportBasis): RemedyReport {
  return reportOf(basis, 'review', { published: null, lookups: { hits: 0, misses: 0 }, calls: {}, ms: 0 });
}

function reportOf(
  basis: ReportBasis,
  mode: RemedyReport['mode'],
  publish: { published: RemedyReport['published']; lookups: Lookups; calls: CallCounts; ms: number },
): RemedyReport {
  return buildReport({
    remedyId: basis.remedyId,
    request: { ...basis.request, mode },
    snapshot: basis.snapshot,
    decisions: basis.decisions,
    ...(basis.reviews ? { reviews: basis.reviews } : {}),
    ...(basis.review ? { review: basis.review } : {}),
    published: publish.published,
    cache: { ...basis.cache, publish: publish.lookups },
    tidalCalls: addCallCounts(basis.tidalCalls, publish.calls),
    timingsMs: { ...basis.timingsMs, publish: publish.ms, total: basis.timingsMs.total + publish.ms },
    startedAt: basis.startedAt,
    finishedAt: new Date().toISOString(),
  });
}

function subtractCallCounts(after: CallCounts, before: CallCounts): CallCounts {
  const made: CallCounts = {};
  for (const [endpoint, n] of Object.entries(after)) {
    const own = n - (before[endpoint] ?? 0);
    if (own > 0) made[endpoint] = own;
  }
  return made;
}
