import { z } from 'zod';
import { parseIsoDuration } from './iso-duration.js';

/**
 * zod schemas for the parts of TIDAL's JSON:API documents the client reads (OpenAPI spec v1.10.104, from
 * tidal-music/tidal-sdk-web packages/api/bin/tidal-api-oas.json). Objects are loose: fields the client does
 * not use may come and go without breaking it; fields it uses are checked, and a failure names the field.
 */

const ResourceIdentifierSchema = z.looseObject({ id: z.string().min(1), type: z.string().min(1) });

export const LinksSchema = z.looseObject({
  self: z.string().optional(),
  next: z.string().optional(),
  meta: z.looseObject({ nextCursor: z.string().optional() }).optional(),
});
export type Links = z.infer<typeof LinksSchema>;

const ToManySchema = z.looseObject({
  data: z.array(ResourceIdentifierSchema).optional(),
  links: LinksSchema.optional(),
});

/** A to-one relationship: `data` is an identifier, or null when there is none. */
const ToOneSchema = z.looseObject({
  data: ResourceIdentifierSchema.nullish(),
  links: LinksSchema.optional(),
});

export const ErrorDocumentSchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      id: z.string().optional(),
      status: z.string().optional(),
      code: z.string().optional(),
      detail: z.string().optional(),
      source: z
        .looseObject({
          parameter: z.string().optional(),
          pointer: z.string().optional(),
          header: z.string().optional(),
        })
        .optional(),
    }),
  ),
});

const DurationSchema = z.string().transform((value, ctx) => {
  const ms = parseIsoDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO-8601 duration such as PT3M25S' });
    return z.NEVER;
  }
  return ms;
});

export const TrackResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('tracks'),
  attributes: z.looseObject({
    title: z.string(),
    version: z.string().nullish(),
    isrc: z.string().nullish(),
    duration: DurationSchema,
    explicit: z.boolean(),
    popularity: z.number().nullish(),
    /** Deprecated by TIDAL since spec 1.1.7 ("use usageRules instead"); read only where no usage rules came. */
    availability: z.array(z.string()).nullish(),
  }),
  relationships: z
    .looseObject({
      artists: ToManySchema.optional(),
      albums: ToManySchema.optional(),
      usageRules: ToOneSchema.optional(),
    })
    .optional(),
});
export type TrackResource = z.infer<typeof TrackResourceSchema>;

export const ArtistResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('artists'),
  attributes: z.looseObject({ name: z.string() }),
});
export type ArtistResource = z.infer<typeof ArtistResourceSchema>;

export const AlbumResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('albums'),
  attributes: z.looseObject({
    title: z.string(),
    albumType: z.string().nullish(),
    /** The deprecated name of albumType. */
    type: z.string().nullish(),
    releaseDate: z.string().nullish(),
    numberOfItems: z.number().int().nonnegative().nullish(),
  }),
  /** With `include=albums.artists`: the album's own artists; with `albums.coverArt`: its cover's artworks. */
  relationships: z
    .looseObject({ artists: ToManySchema.optional(), coverArt: ToManySchema.optional() })
    .optional(),
});
export type AlbumResource = z.infer<typeof AlbumResourceSchema>;

/** An artwork (`include=albums.coverArt`): its image in several sizes (the spec's Artworks_Attributes). */
export const ArtworkResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('artworks'),
  attributes: z.looseObject({
    mediaType: z.string(),
    files: z.array(
      z.looseObject({
        href: z.string(),
        meta: z.looseObject({ width: z.number().int(), height: z.number().int() }),
      }),
    ),
  }),
});
export type ArtworkResource = z.infer<typeof ArtworkResourceSchema>;

/** A track's usage rules in a country (`include=usageRules`): what each access model may do with it. */
export const UsageRulesResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('usageRules'),
  attributes: z.looseObject({
    countryCode: z.string(),
    subscription: z.array(z.string()).nullish(),
    free: z.array(z.string()).nullish(),
    paid: z.array(z.string()).nullish(),
  }),
});
export type UsageRulesResource = z.infer<typeof UsageRulesResourceSchema>;

const INCLUDED_SCHEMAS = {
  tracks: TrackResourceSchema,
  artists: ArtistResourceSchema,
  albums: AlbumResourceSchema,
  artworks: ArtworkResourceSchema,
  usageRules: UsageRulesResourceSchema,
} as const;

export type IncludedResource =
  | TrackResource
  | ArtistResource
  | AlbumResource
  | ArtworkResource
  | UsageRulesResource
  | { id: string; type: 'other'; originalType: string };

/** `included`: resources of the types the client reads are checked; others are kept as bare identifiers. */
const IncludedSchema = z.array(
  z
    .looseObject({ id: z.string().min(1), type: z.string().min(1) })
    .transform((resource, ctx): IncludedResource => {
      const schema = INCLUDED_SCHEMAS[resource.type as keyof typeof INCLUDED_SCHEMAS];
      if (!schema) return { id: resource.id, type: 'other', originalType: resource.type };
      const result = schema.safeParse(resource);
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return z.NEVER;
    }),
);

/** An item of a playlist: `meta` and `meta.itemId` are optional in TIDAL's spec. */
const PlaylistItemIdentifierSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  meta: z.looseObject({ itemId: z.string().min(1).optional(), addedAt: z.string().optional() }).optional(),
});

/** An item just added: the spec requires its `meta.itemId` in the answer to an add. */
const AddedItemIdentifierSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  meta: z.looseObject({ itemId: z.string().min(1), addedAt: z.string().optional() }),
});

export const PlaylistResourceSchema = z.looseObject({
  id: z.string().min(1),
  type: z.literal('playlists'),
  attributes: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    lastModifiedAt: z.string().nullish(),
    numberOfItems: z.number().int().nonnegative().nullish(),
  }),
  relationships: z
    .looseObject({
      owners: ToManySchema.optional(),
      /** With `include=items`: the first page of items, and the cursor to the next. */
      items: z
        .looseObject({
          data: z.array(PlaylistItemIdentifierSchema).optional(),
          links: LinksSchema.optional(),
        })
        .optional(),
    })
    .optional(),
});

export const PlaylistDocumentSchema = z.looseObject({
  data: PlaylistResourceSchema,
  included: IncludedSchema.optional(),
});

export const PlaylistsDocumentSchema = z.looseObject({
  data: z.array(PlaylistResourceSchema),
  links: LinksSchema.optional(),
});

export const PlaylistItemsDocumentSchema = z.looseObject({
  data: z.array(PlaylistItemIdentifierSchema),
  links: LinksSchema.optional(),
  included: IncludedSchema.optional(),
});

export const TracksDocumentSchema = z.looseObject({
  data: z.array(TrackResourceSchema),
  links: LinksSchema.optional(),
  included: IncludedSchema.optional(),
});

export const SearchResultsDocumentSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        type: z.literal('searchResults'),
        relationships: z.looseObject({ tracks: ToManySchema.optional() }).optional(),
      }),
    )
    .max(1),
  included: IncludedSchema.optional(),
});

export const RelationshipDocumentSchema = z.looseObject({
  data: z.array(ResourceIdentifierSchema),
  links: LinksSchema.optional(),
  included: IncludedSchema.optional(),
});

export const AddItemsDocumentSchema = z.looseObject({
  data: z.array(AddedItemIdentifierSchema),
  meta: z
    .looseObject({
      skipped: z
        .array(z.looseObject({ id: z.string(), type: z.string().optional(), reason: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

/** `GET /users/{id}`: the spec's required Users attributes (`username`, `country`, `developerAccessTier`). */
export const UserDocumentSchema = z.looseObject({
  data: z.looseObject({
    id: z.string(),
    type: z.literal('users'),
    attributes: z.looseObject({
      username: z.string(),
      country: z.string().regex(/^[A-Z]{2}$/),
      developerAccessTier: z.string().optional(),
    }),
  }),
});
