import type {
  ItemReview,
  MatchDecision,
  PlaylistSnapshot,
  RemedyReport,
  ReportItem,
  ResolvedRemedyRequestSchema,
  StepName,
} from '@tidal-remedy/contracts';
import { RemedyReportSchema } from '@tidal-remedy/contracts';
import { noReplacement } from '@tidal-remedy/matching';
import type { z } from 'zod';

export interface ReportInputs {
  remedyId: string;
  request: z.output<typeof ResolvedRemedyRequestSchema>;
  snapshot: PlaylistSnapshot;
  decisions: ReadonlyMap<number, MatchDecision>;
  /** After a review: what the person did per position, and when they approved. */
  reviews?: ReadonlyMap<number, ItemReview>;
  review?: RemedyReport['review'];
  published: RemedyReport['published'];
  cache: Record<StepName, { hits: number; misses: number }>;
  tidalCalls: Record<string, number>;
  timingsMs: RemedyReport['timingsMs'];
  startedAt: string;
  finishedAt: string;
}

/** The remedy report: the same document whichever mode ran the remedy. */
export function buildReport(inputs: ReportInputs): RemedyReport {
  const { snapshot, decisions } = inputs;
  const items: ReportItem[] = snapshot.items
    .filter((item) => !item.track.available)
    .map((item) => {
      const decision = decisions.get(item.position) ?? noReplacement(['No decision was made for this item.']);
      const review = inputs.reviews?.get(item.position);
      return {
        position: item.position,
        itemId: item.itemId,
        original: item.track,
        ...decision,
        ...(review ? { review } : {}),
      };
    });
  const replaced = (kind: MatchDecision['decision']) =>
    items.filter((item) => item.decision === kind && item.replacement !== null).length;
  const replacedByIsrc = replaced('isrc');
  const replacedByMatch = replaced('match');

  return RemedyReportSchema.parse({
    remedyId: inputs.remedyId,
    playlist: { id: snapshot.playlist.id, name: snapshot.playlist.name },
    countryCode: snapshot.countryCode,
    mode: inputs.request.mode,
    unmatched: inputs.request.unmatched,
    published: inputs.published,
    counts: {
      items: snapshot.items.length,
      unavailable: items.length,
      replacedByIsrc,
      replacedByMatch,
      unmatched: items.length - replacedByIsrc - replacedByMatch,
    },
    items,
    cache: inputs.cache,
    tidalCalls: {
      total: Object.values(inputs.tidalCalls).reduce((sum, count) => sum + count, 0),
      byEndpoint: inputs.tidalCalls,
    },
    timingsMs: inputs.timingsMs,
    startedAt: inputs.startedAt,
    finishedAt: inputs.finishedAt,
    ...(inputs.review ? { review: inputs.review } : {}),
  });
}
