import { foldText } from './fold-text.js';
import { similarity } from './similarity.js';

/** One credited artist, ready to compare. */
export interface ArtistKey {
  /** TIDAL's artist id, or null for a name read out of a title ("feat. X"). */
  id: string | null;
  /** The name as the catalog wrote it, for reasons. */
  name: string;
  /** Folded name with a leading "The" (or trailing ", The") dropped: "The Beatles" = "Beatles, The". */
  key: string;
  /**
   * The names inside a combined credit ("Calvin Harris & Dua Lipa", "Lil Nas X, Billy Ray Cyrus"), each
   * keyed; just [key] for one name. Bands named with "&" ("Simon & Garfunkel") also split, harmlessly:
   * the whole key is compared first.
   */
  parts: string[];
}

/**
 * Names this close after folding are one artist spelled two ways ("Haris Alexiou" / "Charis Alexiou").
 * Kept high: tribute acts pick names one letter away on purpose ("The Beatlez", "The Rolling Clones").
 */
export const ARTIST_NAME_SIMILARITY = 0.9;

/** A quick test for any separator below, so a single name skips the split. */
const MAY_COMBINE = /[,&+/]|\b(?:and|und|y|et|x|vs|feat|ft|featuring|with)\b/i;
const SEPARATORS =
  /\s*(?:,|&|\+|\/|\band\b|\bund\b|\by\b|\bet\b|\bx\b|\bvs\.?|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b)\s*/i;

export function artistKey(name: string, id: string | null): ArtistKey {
  const key = keyOf(name);
  if (!MAY_COMBINE.test(name)) return { id, name, key, parts: [key] };
  const parts = name
    .split(SEPARATORS)
    .map(keyOf)
    .filter((part) => part !== '');
  return { id, name, key, parts: parts.length > 1 ? parts : [key] };
}

function keyOf(name: string): string {
  const folded = foldText(name.includes(',') ? name.replace(/,\s*the\s*$/i, '') : name);
  return folded.startsWith('the ') ? folded.slice(4) : folded;
}

/** Splits a featured-artists text read from a title ("X & Y", "X, Y and Z") into artist keys. */
export function featuredArtistKeys(text: string): ArtistKey[] {
  return text
    .split(SEPARATORS)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => artistKey(name, null));
}

/** Same artist: same TIDAL id, same key, or a near-identical spelling of a name long enough to tell. */
export function sameArtist(a: ArtistKey, b: ArtistKey): boolean {
  if (a.id !== null && a.id === b.id) return true;
  if (a.key === b.key) return a.key !== '';
  return Math.min(a.key.length, b.key.length) >= 6 && similarity(a.key, b.key) >= ARTIST_NAME_SIMILARITY;
}

/**
 * Whether `artist` is credited among `credits`: as one of them, as the sum of its parts ("A & B" credited
 * as A and B), or as a part of one combined credit.
 */
export function isCredited(artist: ArtistKey, credits: readonly ArtistKey[]): boolean {
  for (const credit of credits) {
    if (sameArtist(artist, credit)) return true;
    if (credit.parts.length > 1 && credit.parts.includes(artist.key)) return true;
  }
  if (artist.parts.length > 1) {
    return artist.parts.every((part) =>
      credits.some((credit) => credit.key === part || credit.parts.includes(part)),
    );
  }
  return false;
}

/** Words that make a band of its leader's name ("The Jimi Hendrix Experience", "The Dave Brubeck Quartet"). */
const BAND_SUFFIXES = new Set(['experience', 'band', 'trio', 'quartet', 'quintet', 'sextet', 'group']);

/**
 * Whether one is the other's band, named after its leader: "Jimi Hendrix" and "The Jimi Hendrix
 * Experience", which catalogs credit interchangeably for the band's records. The leader's name must have
 * two words at least ("Prince" and "Prince Band" say nothing), and an orchestra is left out: "The Glenn
 * Miller Orchestra" is the band that toured under his name after him.
 */
export function isLeadersBand(a: ArtistKey, b: ArtistKey): boolean {
  const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  if (!short.includes(' ') || !long.startsWith(`${short} `)) return false;
  return BAND_SUFFIXES.has(long.slice(short.length + 1));
}
