import { z } from 'zod';
import { MatchDecisionSchema } from './decision.js';
import { TrackSchema } from './domain.js';
import { ExplicitPolicySchema, RemedyModeSchema, UnmatchedPolicySchema } from './request.js';
import { ItemReviewSchema } from './review.js';

export const StepNameSchema = z.enum(['fetch', 'match', 'publish']);
export type StepName = z.infer<typeof StepNameSchema>;

/**
 * One unavailable item of the playlist and what was decided for it; after a review, the decision is the
 * person's and `review` says what they did and what the matcher had proposed.
 */
export const ReportItemSchema = MatchDecisionSchema.extend({
  position: z.number().int().nonnegative(),
  /** TIDAL's item id; null when TIDAL sent none. */
  itemId: z.string().nullable(),
  original: TrackSchema,
  review: ItemReviewSchema.optional(),
  /**
   * Why a person should look at this decision before trusting it, in sentences (an explicit release
   * replacing a clean original, which `explicit: allow` permits); absent when nothing calls for a look.
   */
  attention: z.array(z.string()).optional(),
});
export type ReportItem = z.infer<typeof ReportItemSchema>;

/**
 * What an in-place edit changed, kept to undo it: the items it removed (each with the item it stood before,
 * among those it kept; null at the end), the item ids it inserted, and the playlist's last-modified time
 * right after the edit: an undo refuses once the playlist has changed since.
 */
export const InPlaceUndoSchema = z.object({
  removed: z.array(
    z.object({
      position: z.number().int().nonnegative(),
      trackId: z.string(),
      anchorItemId: z.string().nullable(),
    }),
  ),
  insertedItemIds: z.array(z.string()),
  lastModifiedAt: z.string().nullable(),
});
export type InPlaceUndo = z.infer<typeof InPlaceUndoSchema>;

/** Where the corrected playlist was written. */
export const PublishedPlaylistSchema = z.object({
  playlistId: z.string(),
  /** The playlist on TIDAL's web player; null when the remedy ran against something else (the emulator). */
  url: z.string().nullable(),
  /** True when the publish step found the playlist already written (a retry, a repeat) instead of writing. */
  reused: z.boolean(),
  /** After an in-place edit that changed something: how to put the playlist back (undo-in-place.ts). */
  undo: InPlaceUndoSchema.optional(),
});
export type PublishedPlaylist = z.infer<typeof PublishedPlaylistSchema>;

const CacheCountSchema = z.object({
  hits: z.number().int().nonnegative(),
  misses: z.number().int().nonnegative(),
});

/**
 * The remedy report: the same document from the CLI (`--json`), the HTTP API and the report page, whether
 * the remedy ran in one process or over the queues. A remedy in review mode has a proposed report while it
 * awaits review (`mode: review`, nothing published); once approved, its report has the mode it was
 * published in and `review`.
 */
export const RemedyReportSchema = z.object({
  remedyId: z.string(),
  playlist: z.object({ id: z.string(), name: z.string() }),
  countryCode: z.string(),
  /** Why that country: given with the request, the TIDAL account's own, or the default (absent: given). */
  countrySource: z.enum(['request', 'account', 'default']).optional(),
  mode: RemedyModeSchema,
  unmatched: UnmatchedPolicySchema,
  /** The explicitness policy the remedy ran under; absent in reports made before the option existed. */
  explicit: ExplicitPolicySchema.optional(),
  published: PublishedPlaylistSchema.nullable(),
  /**
   * Where TIDAL's web player shows the tracks and albums by id (https://tidal.com/browse); null or absent
   * when the remedy ran against something else (the emulator), whose ids mean nothing on tidal.com.
   */
  webBase: z.string().nullable().optional(),
  counts: z.object({
    items: z.number().int().nonnegative(),
    unavailable: z.number().int().nonnegative(),
    replacedByIsrc: z.number().int().nonnegative(),
    replacedByMatch: z.number().int().nonnegative(),
    unmatched: z.number().int().nonnegative(),
    /** Items whose decision needs a person's attention (items[].attention); absent in older reports. */
    needsAttention: z.number().int().nonnegative().optional(),
  }),
  items: z.array(ReportItemSchema),
  cache: z.object({ fetch: CacheCountSchema, match: CacheCountSchema, publish: CacheCountSchema }),
  tidalCalls: z.object({
    total: z.number().int().nonnegative(),
    byEndpoint: z.record(z.string(), z.number().int().nonnegative()),
  }),
  timingsMs: z.object({
    fetch: z.number().nonnegative(),
    match: z.number().nonnegative(),
    publish: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Present once a person approved the remedy: when, and how many decisions they changed. */
  review: z.object({ approvedAt: z.string(), changed: z.number().int().nonnegative() }).optional(),
});
export type RemedyReport = z.infer<typeof RemedyReportSchema>;
