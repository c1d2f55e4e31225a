import type { Track } from '@tidal-remedy/contracts';
import { normalize } from './normalize.js';

/**
 * The catalog search text for a track (design 7.2): `<primary artist> <base title>`, e.g. "Queen Bohemian
 * Rhapsody" for "Bohemian Rhapsody - Remastered 2011". Version tags and featured artists are left out, so
 * the search also returns the other releases and versions the scorer must choose among; names keep their
 * own spelling and script, which the catalog's search understands better than a folded form.
 */
export function searchQueryFor(track: Track): string {
  const primary = track.artists[0]?.name.trim() ?? '';
  const title = normalize(track).displayTitle;
  return `${primary} ${title}`.replace(/\s+/g, ' ').trim();
}
