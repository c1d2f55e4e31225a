import type { Request } from 'express';
import { ApiError } from './api-error.js';
import { listParam } from './query.js';

/**
 * TIDAL's include rules (the spec's "Relationships and includes" and "Type qualifiers"): `include` is a
 * comma-separated list of dot-separated relationship paths, always relative to the request's root resource
 * (also on relationship endpoints); a nested path embeds its intermediate resources; a segment may be
 * qualified by a type (`items.tracks:albums`: albums of the items that are tracks); a path that does not
 * resolve against the documented relationships is a 400, as is a tree deeper than 3 levels or naming more
 * than 10 distinct resources.
 */

export const MAX_INCLUDE_DEPTH = 3;
export const MAX_INCLUDED_RESOURCES = 10;

/**
 * The relationships TIDAL's spec (v1.10.104) documents for each resource type the emulator can reach, by
 * name (its `<Type>_Relationships` schemas; test/contract checks these lists against the spec).
 */
export const DOCUMENTED_RELATIONSHIPS: Readonly<Record<string, readonly string[]>> = {
  playlists: [
    'collaboratorProfiles',
    'collaborators',
    'coverArt',
    'items',
    'ownerProfiles',
    'owners',
    'suggestedCoverArts',
  ],
  tracks: [
    'albums',
    'artists',
    'credits',
    'download',
    'genres',
    'lyrics',
    'metadataStatus',
    'owners',
    'priceConfig',
    'providers',
    'radio',
    'replacement',
    'shares',
    'similarTracks',
    'sourceFile',
    'suggestedTracks',
    'trackStatistics',
    'usageRules',
  ],
  videos: [
    'albums',
    'artists',
    'credits',
    'providers',
    'replacement',
    'similarVideos',
    'suggestedVideos',
    'thumbnailArt',
    'usageRules',
  ],
  albums: [
    'albumStatistics',
    'artists',
    'coverArt',
    'genres',
    'items',
    'owners',
    'priceConfig',
    'providers',
    'replacement',
    'shares',
    'similarAlbums',
    'suggestedCoverArts',
    'usageRules',
  ],
  artists: [
    'albums',
    'biography',
    'claimStatus',
    'followers',
    'following',
    'owners',
    'profileArt',
    'radio',
    'roles',
    'similarArtists',
    'trackProviders',
    'tracks',
    'videos',
  ],
  artworks: ['owners'],
  searchResults: ['albums', 'artists', 'playlists', 'topHits', 'tracks', 'videos'],
  users: [],
  usageRules: [],
};

/** The relationships the emulator serves, and the resource types each holds. */
export const SERVED_RELATIONSHIPS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  playlists: { items: ['tracks', 'videos'], owners: ['users'] },
  tracks: { albums: ['albums'], artists: ['artists'], usageRules: ['usageRules'] },
  albums: { artists: ['artists'], coverArt: ['artworks'] },
  searchResults: { tracks: ['tracks'] },
};

/** The relationships requested below one resource: each relationship, for which types, and its own subtree. */
export interface IncludeTree {
  edges: Map<string, IncludeEdge>;
}

export interface IncludeEdge {
  /** The resource types this relationship is resolved for (a type qualifier narrows them). */
  sourceTypes: Set<string>;
  tree: IncludeTree;
}

export function emptyTree(): IncludeTree {
  return { edges: new Map() };
}

/** The edges of `tree` that apply to a resource of `type`. */
export function edgesFor(tree: IncludeTree, type: string): Array<[string, IncludeTree]> {
  return [...tree.edges].flatMap(([name, edge]) => (edge.sourceTypes.has(type) ? [[name, edge.tree]] : []));
}

/** The request's `include`, checked by TIDAL's rules against the root resource type. */
export function includeTree(req: Request, rootType: string): IncludeTree {
  return parseInclude(listParam(req, 'include'), rootType);
}

export function parseInclude(paths: readonly string[], rootType: string): IncludeTree {
  const named = new Set(
    paths.flatMap((path) => path.split('.').map((_, n, segments) => segments.slice(0, n + 1).join('.'))),
  );
  if (named.size > MAX_INCLUDED_RESOURCES) {
    throw invalid(`Include names ${named.size} resources; the limit is ${MAX_INCLUDED_RESOURCES}`);
  }
  const root = emptyTree();
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_INCLUDE_DEPTH) {
      throw invalid(
        `Include path '${path}' is ${segments.length} levels deep; the limit is ${MAX_INCLUDE_DEPTH}`,
      );
    }
    let node = root;
    let types: string[] = [rootType];
    for (const segment of segments) {
      const colon = segment.indexOf(':');
      const name = colon < 0 ? segment : segment.slice(colon + 1);
      if (colon >= 0) {
        const qualifier = segment.slice(0, colon);
        if (!types.includes(qualifier)) {
          throw invalid(
            `Invalid include path '${path}': the type qualifier '${qualifier}' is not among ${types.join(', ')}`,
          );
        }
        types = [qualifier];
      }
      const documented = types.filter((type) => DOCUMENTED_RELATIONSHIPS[type]?.includes(name));
      if (documented.length === 0) {
        throw invalid(
          `Invalid include path '${path}': '${name}' is not a relationship of ${types.join(' or ')}; ` +
            `available: ${[...new Set(types.flatMap((type) => DOCUMENTED_RELATIONSHIPS[type] ?? []))].join(', ') || 'none'}`,
        );
      }
      const served = documented.filter((type) => SERVED_RELATIONSHIPS[type]?.[name]);
      if (served.length === 0) {
        throw new ApiError(
          400,
          'NOT_EMULATED',
          `Include path '${path}' is valid for TIDAL, but the emulator does not serve ${documented.map((type) => `${type}.${name}`).join(', ')}`,
          { parameter: 'include' },
        );
      }
      const edge = node.edges.get(name) ?? { sourceTypes: new Set<string>(), tree: emptyTree() };
      for (const type of served) edge.sourceTypes.add(type);
      node.edges.set(name, edge);
      node = edge.tree;
      types = [...new Set(served.flatMap((type) => SERVED_RELATIONSHIPS[type]?.[name] ?? []))];
    }
  }
  return root;
}

function invalid(detail: string): ApiError {
  return ApiError.badRequest(detail, { parameter: 'include' });
}
