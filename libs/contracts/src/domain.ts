import { z } from 'zod';

/**
 * The domain model: what tidal-remedy knows about TIDAL's catalog, independent of how TIDAL's API
 * encodes it (libs/tidal maps JSON:API documents onto these).
 */

export const ArtistSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
});
export type Artist = z.infer<typeof ArtistSchema>;

/** TIDAL's album types (`Albums_Attributes.albumType`): there is no COMPILATION; see libs/matching. */
export const AlbumTypeSchema = z.enum(['ALBUM', 'EP', 'SINGLE']);
export type AlbumType = z.infer<typeof AlbumTypeSchema>;

/** An album's cover image: one file of TIDAL's artwork (`albums.coverArt`), at its size in pixels. */
export const CoverSchema = z.object({
  url: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});
export type Cover = z.infer<typeof CoverSchema>;

export const AlbumSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** TIDAL's album type; null when TIDAL sends none, or a value newer than this schema. */
  type: AlbumTypeSchema.nullable(),
  /** ISO date (YYYY-MM-DD) when TIDAL gives one. */
  releaseDate: z.string().nullable(),
  /**
   * The album's own artists, when TIDAL sent them (`include=albums.artists`): "Various Artists", or artists
   * unlike the track's, mark a compilation, since TIDAL's album types are only ALBUM, EP and SINGLE.
   */
  artists: z.array(ArtistSchema).optional(),
  /** How many items the album has (TIDAL's `numberOfItems`), when TIDAL sent it. */
  numberOfItems: z.number().int().nonnegative().optional(),
  /** The cover to show (the smallest image at least 80 px), when TIDAL sent its artwork. */
  cover: CoverSchema.optional(),
});
export type Album = z.infer<typeof AlbumSchema>;

/**
 * Why a track cannot be played in the requested country:
 * - `not-in-country`: TIDAL does not return the track for that country at all;
 * - `no-streaming`: TIDAL returns it, but its availability lacks streaming.
 */
export const UnavailableReasonSchema = z.enum(['not-in-country', 'no-streaming']);
export type UnavailableReason = z.infer<typeof UnavailableReasonSchema>;

export const TrackSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** TIDAL's separate version field ("2011 Remaster", "Live"), or null. */
  version: z.string().nullable(),
  isrc: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  explicit: z.boolean(),
  /** Ordered as TIDAL lists them; the first is the primary artist. */
  artists: z.array(ArtistSchema),
  album: AlbumSchema.nullable(),
  /** 0..1 as TIDAL reports it; null when unknown. */
  popularity: z.number().min(0).max(1).nullable(),
  available: z.boolean(),
  unavailableReason: UnavailableReasonSchema.nullable(),
});
export type Track = z.infer<typeof TrackSchema>;

export const PlaylistMetaSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullable(),
  /** ISO timestamp; part of the fetch step's cache key, so an edited playlist is re-read. */
  lastModifiedAt: z.string().nullable(),
  numberOfItems: z.number().int().nonnegative(),
  ownerId: z.string().nullable(),
});
export type PlaylistMeta = z.infer<typeof PlaylistMetaSchema>;

/** One entry of a playlist: TIDAL's item id (needed to remove or insert at it) and the track. */
export const PlaylistItemSchema = z.object({
  /** 0-based position in the playlist. */
  position: z.number().int().nonnegative(),
  /** Optional in TIDAL's spec: null when TIDAL sent none (the item cannot then be edited in place). */
  itemId: z.string().min(1).nullable(),
  track: TrackSchema,
});
export type PlaylistItem = z.infer<typeof PlaylistItemSchema>;

export const PlaylistSnapshotSchema = z.object({
  playlist: PlaylistMetaSchema,
  countryCode: z.string().length(2),
  items: z.array(PlaylistItemSchema),
  fetchedAt: z.string(),
  /**
   * Where TIDAL's web player shows what was read (https://tidal.com/browse); null when it was read from
   * something else (the emulator), whose ids mean nothing on tidal.com. Absent in older snapshots.
   */
  webBase: z.string().nullable().optional(),
});
export type PlaylistSnapshot = z.infer<typeof PlaylistSnapshotSchema>;
