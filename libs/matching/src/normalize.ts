import type { Artist, Track } from '@tidal-remedy/contracts';
import { type ArtistKey, artistKey, featuredArtistKeys, isCredited } from './artist-key.js';
import { BoundedCache } from './bounded-cache.js';
import { type WorkParts, workParts } from './classical.js';
import { foldText } from './fold-text.js';
import { parseTitle, parseVersionField } from './title-parts.js';
import { classifyVersion, isDistinctVersion, type VersionTag } from './version-tag.js';

/** A track in the form the scorer compares. */
export interface NormalizedTrack {
  /** The base title as the catalog wrote it, versions and featured artists removed ("Bohemian Rhapsody"). */
  displayTitle: string;
  /** Folded base title, the key titles are compared on. */
  title: string;
  /** The key without brackets that named no version ("(I Can't Get No) Satisfaction" -> "satisfaction"). */
  coreTitle: string;
  /** The numbers in the title ("part 2", "1999"), sorted: songs that differ only by them are different. */
  titleNumbers: string;
  /** "Intro", "Interlude 2", "Untitled": a title that does not identify a song across albums. */
  genericTitle: boolean;
  /** The title as a classical work and movement ("Symphony No. 5 ...: I. Allegro con brio"). */
  work: WorkParts;
  /**
   * Version tags from the title, TIDAL's version field, and, when those name no distinct version, the
   * album ("Live at Leeds" makes an untagged track live).
   */
  versions: VersionTag[];
  /** The first credited artist, or null for a track without artists. */
  primaryArtist: ArtistKey | null;
  /** Every other artist: the rest of the credits and those read out of the title ("feat. X"). */
  featuredArtists: ArtistKey[];
  /** The guests the title (or version field) announces with "feat."/"with", credited or not. */
  titleGuests: ArtistKey[];
  /** Folded album title without edition tags ("Rumours (Super Deluxe)" -> "rumours"), or null. */
  album: string | null;
  /** The ISRC upper-cased without hyphens, or null. */
  isrc: string | null;
  /** Whether the title, and the primary artist's name, are written in Latin letters only. */
  latinTitle: boolean;
  latinArtist: boolean;
  /**
   * TIDAL hid the track's details: a grey item shown as 'Unavailable' by 'Unknown Artist' (or with no
   * artist at all). Its text says nothing about the recording, so it is never scored nor searched for.
   */
  hiddenDetails: boolean;
}

/**
 * How many normalised tracks are kept across calls: a match job's candidates (a search's, a recording's
 * releases) fit many times over, and so do those of the jobs a matcher runs at once. Each entry keeps its
 * track too (~1.6 KB together): 20,000 held ~32 MB of a matcher's heap (bench/README.md, "Peak memory").
 */
export const NORMALIZE_CACHE_SIZE = 5_000;

interface CacheEntry {
  track: Track;
  normalized: NormalizedTrack;
}

const cache = new BoundedCache<string, CacheEntry>(NORMALIZE_CACHE_SIZE);

/**
 * Normalises a track for comparison. Memoised by track id; an entry is reused only if the fields it was
 * built from are unchanged, so two different tracks given one id (fixtures, tests) never share a result.
 */
export function normalize(track: Track): NormalizedTrack {
  const entry = cache.get(track.id);
  if (entry !== undefined && (entry.track === track || sameSource(entry.track, track))) {
    return entry.normalized;
  }
  const normalized = normalizeUncached(track);
  cache.set(track.id, { track, normalized });
  return normalized;
}

/**
 * Whether TIDAL hid the track's details ('Unavailable' by 'Unknown Artist', or no artist at all): such a
 * track is matched by its ISRC and length only, never searched for by its placeholder text.
 */
export function hidesDetails(track: Track): boolean {
  return normalize(track).hiddenDetails;
}

/** Empties the memos, so a benchmark can measure normalisation too. */
export function clearNormalizeCache(): void {
  cache.clear();
  albums.clear();
  credits.clear();
}

interface AlbumInfo {
  /** Folded album title without edition tags, or null when nothing is left. */
  key: string | null;
  tags: VersionTag[];
}

// A search returns many tracks by one artist from a few albums: their names are read once.
const albums = new BoundedCache<string, AlbumInfo>(NORMALIZE_CACHE_SIZE);
const credits = new BoundedCache<string, ArtistKey>(NORMALIZE_CACHE_SIZE);

function albumInfo(title: string): AlbumInfo {
  let info = albums.get(title);
  if (info === undefined) {
    info = { key: parseTitle(title).key || null, tags: albumTags(title) };
    albums.set(title, info);
  }
  return info;
}

function creditKey(artist: Artist): ArtistKey {
  let key = credits.get(artist.id);
  if (key === undefined || key.name !== artist.name) {
    key = artistKey(artist.name, artist.id);
    credits.set(artist.id, key);
  }
  return key;
}

function sameSource(a: Track, b: Track): boolean {
  if (a.title !== b.title || a.version !== b.version || a.isrc !== b.isrc) return false;
  if (a.album?.title !== b.album?.title || a.artists.length !== b.artists.length) return false;
  for (let i = 0; i < a.artists.length; i++) {
    const x = a.artists[i]!;
    const y = b.artists[i]!;
    if (x.id !== y.id || x.name !== y.name) return false;
  }
  return true;
}

function normalizeUncached(track: Track): NormalizedTrack {
  const parts = parseTitle(track.title);
  const field = parseVersionField(track.version);
  let versions = mergeTags(parts.versions, field.versions);
  const namesItsVersion =
    versions.some((tag) => tag.kind === 'original') ||
    versions.some((tag) => isDistinctVersion(tag.kind) && !CONCERT_KINDS.has(tag.kind));
  const album = track.album === null ? null : albumInfo(track.album.title);
  if (album !== null && !namesItsVersion) versions = mergeTags(versions, album.tags);

  const credited = track.artists.map(creditKey);
  const primaryArtist = credited[0] ?? null;
  const featuredArtists = credited.slice(1);
  const titleGuests = [...parts.featured, ...field.featured].flatMap(featuredArtistKeys);
  for (const artist of titleGuests) {
    if (!isCredited(artist, credited) && !isCredited(artist, featuredArtists)) featuredArtists.push(artist);
  }

  const numbers = /\d/.test(parts.key) ? parts.key.split(' ').filter((word) => /^\d+$/.test(word)) : [];
  return {
    displayTitle: parts.display,
    title: parts.key,
    coreTitle: parts.core,
    titleNumbers: numbers.sort().join(' '),
    genericTitle: GENERIC_TITLES.has(parts.core.replace(/( \d+)+$/, '')),
    work: workParts(parts.display, parts.key),
    versions,
    primaryArtist,
    featuredArtists,
    titleGuests,
    album: album?.key ?? null,
    isrc: track.isrc === null ? null : track.isrc.replace(/[-\s]/g, '').toUpperCase() || null,
    latinTitle: !NON_LATIN_LETTER.test(track.title),
    latinArtist: !NON_LATIN_LETTER.test(track.artists[0]?.name ?? ''),
    hiddenDetails: primaryArtist === null || HIDDEN_ARTIST_NAMES.has(primaryArtist.key),
  };
}

const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/**
 * What TIDAL shows in place of the artist of a grey item whose details it hides (users of other tools
 * report 'Unavailable' by 'Unknown Artist'). An artist really called so cannot be told from the
 * placeholder, so is treated the same.
 */
const HIDDEN_ARTIST_NAMES: ReadonlySet<string> = new Set(['unknown artist', 'unknown']);

function mergeTags(fromTitle: VersionTag[], fromField: VersionTag[]): VersionTag[] {
  const merged = [...fromTitle];
  for (const tag of fromField) {
    const same = merged.find((t) => t.kind === tag.kind);
    if (same === undefined) merged.push({ ...tag });
    else if (same.detail === null && tag.detail !== null) same.detail = tag.detail;
  }
  return merged;
}

/**
 * An album's title says what is on it ("Live at Leeds", "MTV Unplugged"), unless the track's own title
 * already names another version (a remix on a live album is a remix; "Original Mix" on a remix EP is the
 * original). A title that says only "Live" still learns from the album where it was played.
 */
const CONCERT_KINDS: ReadonlySet<string> = new Set(['live', 'acoustic']);

/** One test that rules out most albums before the specific ones run. */
const ALBUM_HINT = /live|concert|unplugged|acoustic|remix|instrumental|karaoke|record|vivo/;
const LIVE_ALBUM =
  /^live( (at|in|from|on|aus|au|en)\b| \d|$)|\blive (at|in|from|on)\b|\blive (19|20)\d\d\b|\bconcert\b|\bunplugged\b|\bconcierto\b|\bao vivo\b|\ben vivo\b/;
const LIVE_ALBUM_BRACKET = /[([]\s*live\b|\s[-–—]\s*live\b/i;

/** Album titles that make every track on them a version: live, remix, instrumental, karaoke, re-recorded sets. */
function albumTags(albumTitle: string): VersionTag[] {
  const folded = foldText(albumTitle);
  if (!ALBUM_HINT.test(folded)) return [];
  const text = `album "${albumTitle}"`;
  const tags: VersionTag[] = [];
  if (LIVE_ALBUM.test(folded) || LIVE_ALBUM_BRACKET.test(albumTitle)) {
    const venue = classifyVersion(albumTitle).find((tag) => tag.kind === 'live')?.detail ?? null;
    tags.push({ kind: 'live', detail: venue, text });
  }
  if (/\bunplugged\b|\bacoustic\b/.test(folded)) tags.push({ kind: 'acoustic', detail: null, text });
  if (/\bremix(es|ed)\b/.test(folded)) tags.push({ kind: 'remix', detail: null, text, fromAlbum: true });
  if (/\binstrumentals?\b/.test(folded)) tags.push({ kind: 'instrumental', detail: null, text });
  if (/\bkaraoke\b/.test(folded)) tags.push({ kind: 'karaoke', detail: null, text });
  if (/\bre ?record(ed|ing|ings)?\b|\brerecord(ed|ing|ings)?\b/.test(folded)) {
    tags.push({ kind: 'rerecording', detail: null, text });
  }
  return tags;
}

const GENERIC_TITLES = new Set([
  'intro',
  'introduction',
  'outro',
  'interlude',
  'skit',
  'prelude',
  'prologue',
  'epilogue',
  'reprise',
  'untitled',
  'hidden track',
  'bonus track',
  'overture',
  'finale',
  'coda',
  'segue',
  'intermission',
  'instrumental',
  'interludio',
  'track',
  'theme',
  'opening',
  'ending',
]);
