import {
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  type ItemReview,
  type MatchDecision,
  type PlaylistSnapshot,
  type RemedyReport,
  RemedyReportSchema,
  type ReportItem,
  type ResolvedRemedyRequestSchema,
  type StepName,
  type Track,
} from '@tidal-remedy/contracts';
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
  const explicit = inputs.request.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const items: ReportItem[] = snapshot.items
    .filter((item) => !item.track.available)
    .map((item) => {
      const decision = decisions.get(item.position) ?? noReplacement(['No decision was made for this item.']);
      const review = inputs.reviews?.get(item.position);
      const attention = attentionFor(item.track, decision.replacement, explicit);
      return {
        position: item.position,
        itemId: item.itemId,
        original: item.track,
        ...decision,
        ...(review ? { review } : {}),
        ...(attention.length > 0 ? { attention } : {}),
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
    ...(inputs.request.countrySource ? { countrySource: inputs.request.countrySource } : {}),
    mode: inputs.request.mode,
    unmatched: inputs.request.unmatched,
    explicit,
    published: inputs.published,
    webBase: snapshot.webBase ?? null,
    counts: {
      items: snapshot.items.length,
      unavailable: items.length,
      replacedByIsrc,
      replacedByMatch,
      unmatched: items.length - replacedByIsrc - replacedByMatch,
      needsAttention: items.filter((item) => item.attention !== undefined).length,
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

/**
 * What a person should check in a decision. An explicit release in place of a clean original: allowed by
 * `explicit: allow`, or, under `strict`, only where the ISRC says it is the very recording (a release
 * marked explicit while the original was not); either way the playlist becomes explicit there.
 */
function attentionFor(original: Track, replacement: Track | null, explicit: ExplicitPolicy): string[] {
  if (replacement === null || original.explicit || !replacement.explicit) return [];
  return [
    explicit === 'allow'
      ? 'An explicit release replaces a clean original (the remedy allows it: explicit allow).'
      : 'The replacement is marked explicit though the original was not (the same recording by its ISRC).',
  ];
}
