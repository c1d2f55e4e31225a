import { DEFAULT_MAX_IDS_PER_REQUEST, MAX_ITEMS_PER_WRITE } from '@tidal-remedy/tidal';
import type { SyntheticPlaylist } from './synthetic-seed.js';

/**
 * The fewest TIDAL API calls any implementation could make to remedy a playlist in mode `new` (unmatched
 * kept), from what TIDAL's API allows (libs/tidal/README.md):
 * - reading the playlist: ⌈N / page⌉ pages; the metadata (name, last-modified time) comes with the first
 *   page (`GET /playlists/{id}?include=items`), so it is not a call of its own, and each page brings the
 *   details and usage rules of its tracks that TIDAL returns in the country (the spec's include paths,
 *   `include=items,items.artists,items.albums.artists,items.usageRules`). The page size is TIDAL's: the
 *   API has no page-size parameter, and the emulator's 20 is what it sends;
 * - the details of the items a page did not describe (tracks not returned in the country, read without
 *   one): ⌈D / batch⌉ bulk reads (`filter[id]`, 20 ids per request, the most TIDAL is known to accept);
 * - the ISRCs of the unavailable tracks: ⌈U / batch⌉ bulk lookups (`filter[isrc]`, 20 per request);
 * - one search per unavailable track without an ISRC hit (fuzzy and no-match tracks), returning its
 *   candidates with their details;
 * - writes: one `POST /playlists`, then ⌈N / 50⌉ `POST …/relationships/items` (50 items per request at most).
 * Token requests (OAuth, on TIDAL's auth host) are not API calls and are not counted; they are printed apart.
 */
export interface LowerBound {
  pages: number;
  bulkReads: number;
  isrcLookups: number;
  searches: number;
  writes: number;
  total: number;
}

export const PAGE_SIZE = 20;

export function lowerBound(playlist: SyntheticPlaylist): LowerBound {
  const batch = DEFAULT_MAX_IDS_PER_REQUEST;
  const isrcHits = playlist.kinds.isrc + playlist.kinds['isrc-compilation'];
  const parts = {
    pages: Math.ceil(playlist.items / PAGE_SIZE),
    bulkReads: Math.ceil(playlist.notInCountry / batch),
    isrcLookups: Math.ceil(playlist.unavailable / batch),
    searches: playlist.unavailable - isrcHits,
    writes: 1 + Math.ceil(playlist.items / MAX_ITEMS_PER_WRITE),
  };
  return { ...parts, total: Object.values(parts).reduce((sum, n) => sum + n, 0) };
}
