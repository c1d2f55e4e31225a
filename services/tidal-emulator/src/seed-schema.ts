import { z } from 'zod';

/**
 * The emulator's seed file: the catalog, users, OAuth clients and playlists it serves. This schema is the
 * binding contract between the emulator and the seed generator (scripts/generate-seed.ts); the README's
 * "The seed format" describes it. Only optional fields may be added.
 */

const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an upper-case ISO 3166-1 alpha-2 code such as US');

/** TIDAL's track `availability` values. */
export const AvailabilitySchema = z.enum(['STREAM', 'DJ', 'STEM']);
export type Availability = z.infer<typeof AvailabilitySchema>;

export const SeedArtistSchema = z.object({
  /** Digits, like TIDAL ("3346"). */
  id: z.string(),
  name: z.string(),
  popularity: z.number().min(0).max(1).default(0.5),
});

export const SeedAlbumSchema = z.object({
  /** Digits. */
  id: z.string(),
  title: z.string(),
  /** TIDAL's `albumType`: ALBUM, EP or SINGLE (a compilation is an ALBUM, as TIDAL serves it). */
  type: z.enum(['ALBUM', 'EP', 'SINGLE']),
  /** YYYY-MM-DD. */
  releaseDate: z.string(),
  /** The first is the main artist; every id must exist among the artists. */
  artistIds: z.array(z.string()),
  barcodeId: z.string().optional(),
});

export const SeedTrackSchema = z.object({
  /** Digits, unique. */
  id: z.string(),
  /** As TIDAL stores it: may contain "(feat. X)" etc. */
  title: z.string(),
  /** TIDAL's separate version field, e.g. "2011 Remaster". */
  version: z.string().nullable().default(null),
  /** 12 characters; the same recording on several releases shares it. */
  isrc: z.string(),
  durationSeconds: z.number().int().positive(),
  explicit: z.boolean().default(false),
  popularity: z.number().min(0).max(1).default(0.5),
  /** Ordered; the first is the primary artist. */
  artistIds: z.array(z.string()),
  albumId: z.string(),
  trackNumber: z.number().int().positive().default(1),
  volumeNumber: z.number().int().positive().default(1),
  /** Where TIDAL returns the track at all: everywhere by default; `only` or `except` restrict it. */
  countries: z
    .object({ only: z.array(CountryCode).optional(), except: z.array(CountryCode).optional() })
    .default({}),
  /**
   * What the track may be used for where returned (TIDAL's usage rules for subscribers, and the deprecated
   * `availability`); [] models "returned but not streamable" (greyed out).
   */
  availability: z.array(AvailabilitySchema).default(['STREAM', 'DJ']),
  /**
   * TIDAL hides the track's details: it is returned in no reading (by id, ISRC or search, in any country),
   * only its id stays among a playlist's items; other apps show such an item as "Unavailable" by "Unknown
   * Artist". Written only when true.
   */
  detailsHidden: z.boolean().optional(),
});

export const SeedUserSchema = z.object({
  /** Digits. */
  id: z.string(),
  username: z.string(),
  countryCode: CountryCode,
});

/**
 * An OAuth client the token endpoint accepts. client_credentials grants a catalog-only token; a seeded
 * refresh token grants a user token (needed for playlist writes).
 */
export const SeedClientSchema = z.object({
  clientId: z.string(),
  clientSecret: z.string().optional(),
  /** The user a refresh token of this client acts for. */
  userId: z.string().optional(),
  refreshTokens: z.array(z.string()).default([]),
  /**
   * The scopes its user tokens carry; by default the scopes TIDAL grants third-party apps (no r_usr or w_usr,
   * which are internal).
   */
  scopes: z.array(z.string()).optional(),
  /**
   * The redirect URIs registered for this client (TIDAL's developer portal): `/authorize` and the
   * authorization_code grant accept only these, compared exactly; any other is TIDAL's error 11102.
   */
  redirectUris: z.array(z.string()).optional(),
});

export const SeedPlaylistSchema = z.object({
  /** TIDAL playlist ids are UUIDs. */
  id: z.string().uuid(),
  /** A user id. */
  ownerId: z.string(),
  name: z.string(),
  description: z.string().default(''),
  accessType: z.enum(['PUBLIC', 'UNLISTED']).default('PUBLIC'),
  /** ISO timestamp. */
  createdAt: z.string(),
  /** ISO timestamp. */
  lastModifiedAt: z.string(),
  /** Ordered; every id must exist among the tracks. */
  trackIds: z.array(z.string()),
});

export const SeedSchema = z.object({
  version: z.literal(1),
  artists: z.array(SeedArtistSchema),
  albums: z.array(SeedAlbumSchema),
  tracks: z.array(SeedTrackSchema),
  users: z.array(SeedUserSchema),
  clients: z.array(SeedClientSchema),
  playlists: z.array(SeedPlaylistSchema),
});

/** A seed as written in a file (defaults not yet applied). */
export type SeedInput = z.input<typeof SeedSchema>;
/** A parsed seed, every default applied. */
export type Seed = z.output<typeof SeedSchema>;
export type SeedTrack = Seed['tracks'][number];
export type SeedAlbum = Seed['albums'][number];
export type SeedArtist = Seed['artists'][number];
export type SeedUser = Seed['users'][number];
export type SeedClient = Seed['clients'][number];
export type SeedPlaylist = Seed['playlists'][number];
