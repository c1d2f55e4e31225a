import {
  type Album,
  AlbumTypeSchema,
  type Artist,
  ExplicitPolicySchema,
  type Track,
} from '@tidal-remedy/contracts';
import { z } from 'zod';
import { foldText } from './fold-text.js';

/**
 * The format of the labelled set (libs/matching/fixtures/*.json). Tracks are written compactly, the way a
 * person reads a catalog listing, and expand to full contract `Track`s:
 *
 *   { "id": "b", "title": "Bohemian Rhapsody - Remastered 2011", "artists": ["Queen"],
 *     "album": "A Night At The Opera (2011 Remaster)|ALBUM|1975-11-21", "duration": "5:55",
 *     "isrc": "GBUM71029604" }
 *
 * - `duration`: "m:ss" (or milliseconds);
 * - `artists`: names (the id is derived from the name, so one name is one artist) or `{ id, name }` when
 *   the same TIDAL artist shows a different name, or two artists share one;
 * - `album`: "title|TYPE|date" with TYPE one of TIDAL's album types (ALBUM, EP, SINGLE) and date YYYY
 *   or YYYY-MM-DD, optionally "|album-id" when two releases with one title must differ; or null; or,
 *   to say more, an object `{ title, type, date?, id?, artists?, items?, compilation? }`: `artists` are
 *   the album's own artists (TIDAL's `albums.artists`, written like a track's), `items` its
 *   `numberOfItems`, and `compilation: true` is what a person knows (a best-of, a various-artists
 *   collection), never shown to the matcher: the label the compilation recogniser is measured against;
 * - `version`, `isrc`, `explicit`, `popularity` default to null, null, false, null;
 * - `available` defaults to false for the original and true for candidates.
 *
 * `answer` is the id of the right candidate, a list when several are equally right (one song on two
 * releases without a shared ISRC), or null when the right answer is no replacement. `explicit` is the
 * policy the case is decided under (`strict` unless it says `allow`).
 */

export const CATEGORIES = [
  'remaster',
  'compilation',
  'live',
  'edit',
  'remix',
  'acoustic',
  'instrumental',
  'explicit',
  'featuring',
  'script',
  'cover',
  'same-title',
  'duration-drift',
  'rerecording',
  'the-prefix',
  'isrc',
  'none',
  'isrc-script',
  'version-place',
  'explicit-allow',
  'hidden',
  'classical',
  'soundtrack',
  'deluxe',
  'regional',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

const ArtistEntrySchema = z.union([
  z.string().min(1),
  z.object({ id: z.string().min(1), name: z.string().min(1) }).strict(),
]);

const DurationSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,3}:[0-5]\d$/, 'expected a duration as m:ss')
    .transform((text) => {
      const [minutes, seconds] = text.split(':').map(Number);
      return ((minutes ?? 0) * 60 + (seconds ?? 0)) * 1000;
    }),
]);

/** An album as the matcher sees it, and whether a person knows it to be a compilation. */
interface FixtureAlbum {
  album: Album;
  compilation: boolean;
}

const ReleaseDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'expected a date as YYYY or YYYY-MM-DD')
  .transform((date) => (date.length === 4 ? `${date}-01-01` : date));

const AlbumObjectSchema = z
  .object({
    title: z.string().min(1),
    type: AlbumTypeSchema,
    date: ReleaseDateSchema.optional(),
    id: z.string().min(1).optional(),
    artists: z.array(ArtistEntrySchema).min(1).optional(),
    items: z.number().int().positive().optional(),
    compilation: z.boolean().default(false),
  })
  .strict()
  .transform(
    (a): FixtureAlbum => ({
      album: {
        id: a.id ?? albumIdOf(a.title, a.type, a.date ?? null),
        title: a.title,
        type: a.type,
        releaseDate: a.date ?? null,
        ...(a.artists === undefined ? {} : { artists: a.artists.map(toArtist) }),
        ...(a.items === undefined ? {} : { numberOfItems: a.items }),
      },
      compilation: a.compilation,
    }),
  );

const AlbumStringSchema = z.string().transform((text, ctx): FixtureAlbum => {
  const [title, type, date, id] = text.split('|');
  const parsedType = AlbumTypeSchema.safeParse(type);
  if (title === undefined || title === '' || !parsedType.success) {
    ctx.addIssue({
      code: 'custom',
      message: `expected "title|TYPE|date" with TYPE one of ${AlbumTypeSchema.options.join(', ')}, got "${text}"`,
    });
    return z.NEVER;
  }
  const releaseDate = date === undefined || date === '' ? null : ReleaseDateSchema.safeParse(date);
  if (releaseDate !== null && !releaseDate.success) {
    ctx.addIssue({ code: 'custom', message: `expected a date as YYYY or YYYY-MM-DD in "${text}"` });
    return z.NEVER;
  }
  const day = releaseDate?.data ?? null;
  return {
    album: {
      id: id ?? albumIdOf(title, parsedType.data, day),
      title,
      type: parsedType.data,
      releaseDate: day,
    },
    compilation: false,
  };
});

/** The string or the object form, each with its own errors (a union would only say "Invalid input"). */
const AlbumEntrySchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .transform((value, ctx): FixtureAlbum => {
    const parsed =
      typeof value === 'string' ? AlbumStringSchema.safeParse(value) : AlbumObjectSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  })
  .nullable();

function albumIdOf(title: string, type: string, releaseDate: string | null): string {
  return `al-${slugOf(title)}-${type.toLowerCase()}-${releaseDate?.slice(0, 4) ?? 'x'}`;
}

function fixtureTrackSchema(availableByDefault: boolean) {
  return z
    .object({
      id: z.string().min(1),
      title: z.string().min(1),
      version: z.string().nullable().default(null),
      isrc: z
        .string()
        .regex(/^[A-Z]{2}-?[A-Z0-9]{3}-?\d{2}-?\d{5}$/, 'expected an ISRC such as GBUM71029604')
        .nullable()
        .default(null),
      duration: DurationSchema,
      explicit: z.boolean().default(false),
      artists: z.array(ArtistEntrySchema).min(1),
      album: AlbumEntrySchema,
      popularity: z.number().min(0).max(1).nullable().default(null),
      available: z.boolean().default(availableByDefault),
    })
    .strict();
}

const FixtureOriginalSchema = fixtureTrackSchema(false);
const FixtureCandidateSchema = fixtureTrackSchema(true);
type FixtureTrack = z.output<typeof FixtureCandidateSchema>;

export const LabelledCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    category: CategorySchema,
    /** What the case tests and why the answer is right, in a sentence. */
    note: z.string().min(10),
    original: FixtureOriginalSchema,
    candidates: z.array(FixtureCandidateSchema).min(1),
    answer: z.union([z.string(), z.array(z.string()).min(1), z.null()]),
    explicit: ExplicitPolicySchema.default('strict'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ids = c.candidates.map((t) => t.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) {
      ctx.addIssue({ code: 'custom', message: `case ${c.id}: candidate id "${duplicate}" is used twice` });
    }
    for (const answer of c.answer === null ? [] : [c.answer].flat()) {
      const target = c.candidates.find((t) => t.id === answer);
      if (target === undefined) {
        ctx.addIssue({ code: 'custom', message: `case ${c.id}: answer "${answer}" is not a candidate id` });
      } else if (!target.available || target.id === c.original.id) {
        ctx.addIssue({ code: 'custom', message: `case ${c.id}: answer "${answer}" cannot be chosen` });
      }
    }
  })
  .transform((c) => ({
    id: c.id,
    category: c.category,
    note: c.note,
    original: toTrack(c.id, c.original),
    candidates: c.candidates.map((t) => toTrack(c.id, t)),
    /** Full track ids of the acceptable answers; empty when the answer is "none". */
    answers: c.answer === null ? [] : [c.answer].flat().map((id) => `${c.id}/${id}`),
    /** The explicitness policy the case is decided under. */
    explicit: c.explicit,
    /** Full ids of the tracks (original or candidates) whose album a person knows to be a compilation. */
    onCompilations: [c.original, ...c.candidates]
      .filter((t) => t.album?.compilation === true)
      .map((t) => `${c.id}/${t.id}`),
  }));
export type LabelledCase = z.output<typeof LabelledCaseSchema>;

export const LabelledFileSchema = z.object({ cases: z.array(LabelledCaseSchema) }).strict();

/** Track ids are scoped by case, so one case's tracks never collide with another's in caches. */
function toTrack(caseId: string, t: FixtureTrack): Track {
  return {
    id: `${caseId}/${t.id}`,
    title: t.title,
    version: t.version,
    isrc: t.isrc,
    durationMs: t.duration,
    explicit: t.explicit,
    artists: t.artists.map(toArtist),
    album: t.album?.album ?? null,
    popularity: t.popularity,
    available: t.available,
    unavailableReason: t.available ? null : 'not-in-country',
  };
}

function toArtist(entry: z.output<typeof ArtistEntrySchema>): Artist {
  return typeof entry === 'string' ? { id: `ar-${slugOf(entry)}`, name: entry } : entry;
}

function slugOf(text: string): string {
  return foldText(text).replace(/ /g, '-') || 'x';
}
