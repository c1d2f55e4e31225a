import type { Track } from '@tidal-remedy/contracts';
import { artistKey, isCredited } from './artist-key.js';
import { describeYears, quote } from './describe.js';
import { foldText } from './fold-text.js';
import { normalize } from './normalize.js';
import { parseTitle } from './title-parts.js';

/**
 * TIDAL's album types are only ALBUM, EP and SINGLE (Albums_Attributes.albumType): a best-of or a
 * various-artists collection is an ALBUM like any other. What TIDAL does give, and what is read here:
 * - the album's own artists (`include=albums.artists`): "Various Artists", or artists of whom none is
 *   credited on the track (a soundtrack credited to its composer, a DJ's mix collection);
 * - the album's title: "Greatest Hits", "The Very Best of ...", "The Essential ...", "Now That's What I
 *   Call Music! 60", a span of years ("Past to Present 1977-1990");
 * - its release date, against the original's: the same recording on another album years later is
 *   collected, not first released (unless it is the original's album reissued, which the title shows).
 * Returns why the track's release looks like a compilation, in words for the report, or null.
 */
export function compilationSign(track: Track, original: Track | null = null): string | null {
  const album = track.album;
  if (album === null) return null;
  const credit = albumCreditSign(track);
  if (credit !== null) return credit;
  if (readsAsCollection(album.title)) return `${quote(album.title)} reads as a collection`;
  return original === null ? null : lateReleaseSign(track, original);
}

/** The album's artists when they say the album is not the track's artist's own. */
function albumCreditSign(track: Track): string | null {
  const artists = track.album?.artists;
  if (artists === undefined || artists.length === 0) return null;
  if (artists.some((artist) => VARIOUS_ARTISTS.has(foldText(artist.name))))
    return 'an album by various artists';
  // A soundtrack credited to its composer is where the film's songs first appear, not a collection.
  if (SOUNDTRACK.test(foldText(track.album?.title ?? ''))) return null;
  const n = normalize(track);
  const credited = [...(n.primaryArtist === null ? [] : [n.primaryArtist]), ...n.featuredArtists];
  if (credited.length === 0) return null;
  const albumArtists = artists.map((artist) => artistKey(artist.name, artist.id));
  if (albumArtists.some((artist) => isCredited(artist, credited))) return null;
  return `an album credited to ${artists.map((artist) => artist.name).join(', ')}, not to the track's artists`;
}

const SOUNDTRACK = /\b(soundtrack|motion picture|ost|score|music from)\b/;

/** How TIDAL (and catalogs in other languages) name a various-artists credit, folded. */
const VARIOUS_ARTISTS = new Set(
  [
    'various artists',
    'various',
    'va',
    'v a',
    'varios artistas',
    'varios',
    'varios interpretes',
    'vários artistas',
    'varios artistas',
    'artistes divers',
    'artistes variés',
    'multi interpretes',
    'verschiedene interpreten',
    'verschiedene kunstler',
    'artisti vari',
    'artisti varie',
    'diverse artiesten',
    'diverse artister',
    'rozni wykonawcy',
    'raznye ispolniteli',
    'sbornik',
    '群星',
    'オムニバス',
    'ヴァリアス アーティスト',
    '여러 아티스트',
    '베리어스 아티스트',
  ].map(foldText),
);

/**
 * Title words of best-ofs and collections, as whole words of the folded title without edition tags.
 * Words that also name studio albums are left out ("Gold" alone, "Legend", "Anthology" alone: Alien Ant
 * Farm's "ANThology" is a studio album), or need a companion ("the collection", "greatest hits").
 */
const COLLECTION_TITLE = new RegExp(
  [
    String.raw`\bgreatest hits\b`,
    String.raw`\b(the )?(very )?best of\b`,
    String.raw`^(the )?(very )?best\b`,
    String.raw`\bthe best$`,
    String.raw`\bbest (selection|collection)\b`,
    String.raw`\bessentials?\b`,
    String.raw`\bthe (ultimate |definitive |platinum |singles |complete |essential )?collection\b`,
    String.raw`\b(ultimate|definitive|platinum|singles|millennium) collection\b`,
    String.raw`^a collection\b`,
    String.raw`\b(the )?singles\b`,
    String.raw`\b(number|no) (ones|1s)\b`,
    String.raw`\bhits( of| 19| 20| \d| vol|$)`,
    String.raw`^(direct|smash|the|big|greatest|all the|the very best) hits\b`,
    String.raw`\bnow (thats|that s) what i call\b`,
    String.raw`\bclassics\b`,
    String.raw`\banthems\b`,
    String.raw`\bretrospective\b`,
    String.raw`\b(the )?anthology\b.+|.+\banthology\b`,
    String.raw`\b20th century masters\b`,
    String.raw`\bgrandes exitos\b`,
    String.raw`\blo mejor de\b`,
    String.raw`\b(les )?essentiels\b`,
    String.raw`\bdas beste\b`,
    String.raw`\bgold\b.+|.+\bgold$|^gold$`,
    String.raw`\bbest$`,
    String.raw`\bultimate\b`,
    String.raw`\bcollection$`,
    String.raw`\bthe most of\b`,
    String.raw`\bb ?sides\b`,
    String.raw`\bluchshee\b`,
    String.raw`\bbesuto\b`,
  ].join('|'),
);

/** Whether an album title names a collection ("Greatest Hits", "Past to Present 1977-1990"). */
export function readsAsCollection(albumTitle: string): boolean {
  // The span of years is read before folding turns "1977-1990" into two numbers.
  if (/\b(19|20)\d\d ?[-–/] ?((19|20)\d\d|\d\d)\b/.test(albumTitle)) return true;
  const key = parseTitle(albumTitle).key;
  return COLLECTION_TITLE.test(key);
}

/**
 * The same recording on another album released this many years after the original's album: collected,
 * not first released. Long enough that a single and its album, released months apart, never trip it.
 */
export const LATE_RELEASE_YEARS = 3;

function lateReleaseSign(track: Track, original: Track): string | null {
  if (REISSUE.test(foldText(track.album?.title ?? ''))) return null;
  const theirs = yearOf(track.album?.releaseDate ?? null);
  const ours = yearOf(original.album?.releaseDate ?? null);
  if (theirs === null || ours === null || theirs - ours < LATE_RELEASE_YEARS) return null;
  const theirAlbum = normalize(track).album;
  if (theirAlbum !== null && theirAlbum === normalize(original).album) return null;
  return `released ${describeYears(theirs - ours)} after the original's album`;
}

/** Album titles of a reissue of one album (its deluxe or anniversary edition), late but not collected. */
const REISSUE = /\b(deluxe|edition|anniversary|expanded|legacy|collectors)\b/;

function yearOf(date: string | null): number | null {
  const year = date === null ? Number.NaN : Number(date.slice(0, 4));
  return Number.isFinite(year) ? year : null;
}
