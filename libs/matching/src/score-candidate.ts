import type { ScoredCandidate, ScoreParts, Track } from '@tidal-remedy/contracts';
import { type ArtistKey, isCredited } from './artist-key.js';
import { formatDuration, quote } from './describe.js';
import { type NormalizedTrack, normalize } from './normalize.js';
import {
  ARTIST_ADDED,
  ARTIST_MISSING,
  CLEAN_TO_EXPLICIT,
  CORE_TITLE_MATCH,
  DURATION_SCALE_S,
  DURATION_TOLERANCE_RATIO,
  DURATION_TOLERANCE_S,
  EXPLICIT_TO_CLEAN,
  FEATURE_ADDED_IN_TITLE,
  FEATURE_REPLACED,
  GENERIC_TITLE_OTHER_ALBUM,
  MISSING_VERSION_FACTOR,
  OTHER_DETAIL_FACTOR,
  SAME_LENGTH_CUT,
  SKELETON_TITLE_MATCH,
  TITLE_NUMBERS_DIFFER,
  UNKNOWN_DURATION,
  VAGUE_DETAIL_FACTOR,
} from './score-weights.js';
import { similarity, wordSimilarity } from './similarity.js';
import {
  ABSENT_VERSION_NOUNS,
  describeVersion,
  isDistinctVersion,
  type VersionKind,
  type VersionTag,
} from './version-tag.js';

/** A scored candidate with the reasons for each part, in words. */
export interface CandidateScore extends ScoredCandidate {
  reasons: string[];
}

/**
 * Scores how well `candidate` can stand in for `original`: the product of five parts in [0, 1] (title,
 * artists, duration, version, explicitness). A product, so one clear contradiction (another artist, a live
 * take of a studio track, a minute longer) sinks the score whatever the other parts say.
 */
export function scoreCandidate(original: Track, candidate: Track): CandidateScore {
  return scoreNormalized(original, normalize(original), candidate, normalize(candidate));
}

export function scoreNormalized(
  original: Track,
  o: NormalizedTrack,
  candidate: Track,
  c: NormalizedTrack,
): CandidateScore {
  const title = titlePart(o, c);
  const artists = artistsPart(o, c);
  const duration = durationPart(original.durationMs, candidate.durationMs);
  const version = versionPart(o.versions, c.versions, duration.value === 1, {
    ours: creditKeys(o),
    theirs: creditKeys(c),
  });
  const explicit = explicitPart(original.explicit, candidate.explicit);
  const parts: ScoreParts = {
    title: round(title.value),
    artists: round(artists.value),
    duration: round(duration.value),
    version: round(version.value),
    explicit: round(explicit.value),
  };
  const score = title.value * artists.value * duration.value * version.value * explicit.value;
  return {
    track: candidate,
    score: round(Math.min(1, Math.max(0, score))),
    parts,
    reasons: [title.reason, artists.reason, duration.reason, version.reason, explicit.reason],
  };
}

/** Four decimals: enough to rank, and a report shows 0 rather than 1e-245. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

interface Part {
  value: number;
  reason: string;
}

export function titlePart(o: NormalizedTrack, c: NormalizedTrack): Part {
  const pair = `(${quote(c.displayTitle)} vs ${quote(o.displayTitle)})`;
  if (o.titleNumbers !== c.titleNumbers) {
    return {
      value: Math.min(TITLE_NUMBERS_DIFFER, similarity(o.title, c.title)),
      reason: `title numbers differ ${pair}`,
    };
  }
  if (o.title === c.title || o.coreTitle === c.coreTitle) {
    if (o.genericTitle && o.album !== c.album) {
      return {
        value: GENERIC_TITLE_OTHER_ALBUM,
        reason: `${quote(o.displayTitle)} is a generic title and the albums differ`,
      };
    }
    if (o.title === c.title) return { value: 1, reason: 'title matches' };
    return { value: CORE_TITLE_MATCH, reason: `title matches once brackets are set aside ${pair}` };
  }
  if (o.titleSkeleton !== '' && o.titleSkeleton === c.titleSkeleton) {
    return { value: SKELETON_TITLE_MATCH, reason: `title matches in another spelling ${pair}` };
  }
  const value = Math.max(titleSimilarity(o.title, c.title), titleSimilarity(o.coreTitle, c.coreTitle));
  return { value, reason: `title ${value >= 0.85 ? 'nearly matches' : 'differs'} ${pair}` };
}

/** Character-level similarity, capped by how many whole words agree. */
function titleSimilarity(a: string, b: string): number {
  return Math.min(similarity(a, b), wordSimilarity(a, b));
}

export function artistsPart(o: NormalizedTrack, c: NormalizedTrack): Part {
  if (o.primaryArtist === null || c.primaryArtist === null) {
    return { value: 0, reason: 'artists unknown' };
  }
  const ours = [o.primaryArtist, ...o.featuredArtists];
  const theirs = [c.primaryArtist, ...c.featuredArtists];
  if (!isCredited(o.primaryArtist, theirs)) {
    return {
      value: 0,
      reason: `primary artist differs: ${names(theirs)} vs ${o.primaryArtist.name}`,
    };
  }
  const missing = ours.filter((artist) => !isCredited(artist, theirs));
  const added = theirs.filter((artist) => !isCredited(artist, ours));
  if (missing.length === 0 && added.length === 0) {
    return { value: 1, reason: `same ${ours.length > 1 ? 'artists' : 'artist'} (${names(ours)})` };
  }
  let value = 1;
  if (missing.length > 0) value *= ARTIST_MISSING;
  // A guest announced in the title but unknown to the original is a new recording, unless both come from
  // one album: an album's tracks are fixed, so there it is only the credit that differs.
  const newGuest =
    added.some((artist) => isCredited(artist, c.titleGuests)) && (o.album === null || o.album !== c.album);
  if (added.length > 0) value *= newGuest ? FEATURE_ADDED_IN_TITLE : ARTIST_ADDED;
  if (missing.length > 0 && added.length > 0) value = Math.min(value, FEATURE_REPLACED);
  const differences = [
    missing.length > 0 ? `${names(missing)} not credited` : '',
    added.length > 0 ? `${names(added)} added` : '',
  ].filter(Boolean);
  return {
    value,
    reason: `same primary artist (${o.primaryArtist.name}); other credits differ: ${differences.join(', ')}`,
  };
}

function names(artists: readonly ArtistKey[]): string {
  return artists.map((artist) => artist.name).join(', ');
}

export function durationPart(originalMs: number, candidateMs: number): Part {
  if (originalMs === 0 || candidateMs === 0) return { value: UNKNOWN_DURATION, reason: 'duration unknown' };
  const delta = Math.abs(originalMs - candidateMs) / 1000;
  const tolerance = Math.max(DURATION_TOLERANCE_S, (DURATION_TOLERANCE_RATIO * originalMs) / 1000);
  const pair = `(${formatDuration(candidateMs)} vs ${formatDuration(originalMs)})`;
  if (delta < 0.5) return { value: 1, reason: `same duration (${formatDuration(originalMs)})` };
  if (delta <= tolerance) return { value: 1, reason: `duration within ${Math.ceil(delta)} s ${pair}` };
  const over = (delta - tolerance) / DURATION_SCALE_S;
  return { value: Math.exp(-over * over), reason: `duration differs by ${Math.round(delta)} s ${pair}` };
}

/**
 * `sameLength`: the durations agree. An edit or extended tag on one side only then says nothing: the
 * single lists "Song" where a compilation lists "Song (Radio Edit)", and both are the same cut.
 */
export function versionPart(
  ours: readonly VersionTag[],
  theirs: readonly VersionTag[],
  sameLength: boolean,
  credits: { ours: readonly string[]; theirs: readonly string[] } = { ours: [], theirs: [] },
): Part {
  const ourDistinct = ours.filter((tag) => isDistinctVersion(tag.kind));
  const theirDistinct = theirs.filter((tag) => isDistinctVersion(tag.kind));
  const onlyOurs = ourDistinct.filter((tag) => !theirDistinct.some((t) => t.kind === tag.kind));
  const onlyTheirs = theirDistinct.filter((tag) => !ourDistinct.some((t) => t.kind === tag.kind));
  let value = 1;
  const differences: string[] = [];
  for (const tag of [...onlyOurs, ...onlyTheirs]) {
    value *= sameLength && LENGTH_KINDS.has(tag.kind) ? SAME_LENGTH_CUT : MISSING_VERSION_FACTOR[tag.kind];
  }
  if (onlyOurs.length > 0 || onlyTheirs.length > 0) {
    const theirWords =
      onlyTheirs.length > 0 ? describeAll(onlyTheirs) : ABSENT_VERSION_NOUNS[onlyOurs[0]!.kind];
    const ourWords = onlyOurs.length > 0 ? describeAll(onlyOurs) : ABSENT_VERSION_NOUNS[onlyTheirs[0]!.kind];
    differences.push(`${theirWords} vs ${ourWords}`);
  }
  for (const tag of theirDistinct) {
    const counterpart = ourDistinct.find((t) => t.kind === tag.kind);
    if (counterpart === undefined) continue;
    const factor = detailFactor(tag, counterpart, credits.theirs, credits.ours);
    if (factor < 1) {
      value *= factor;
      differences.push(`${describeVersion(tag)} vs ${describeVersion(counterpart)}`);
    }
  }
  if (differences.length > 0) {
    const named = [...onlyOurs, ...onlyTheirs];
    const nameOnly =
      sameLength &&
      differences.length === 1 &&
      named.length > 0 &&
      named.every((t) => LENGTH_KINDS.has(t.kind));
    return {
      value,
      reason: nameOnly
        ? `version named differently (${differences[0]}), but the lengths agree`
        : `version differs: ${differences.join('; ')}`,
    };
  }

  const editions = theirs.filter(
    (tag) =>
      !isDistinctVersion(tag.kind) &&
      tag.kind !== 'clean' &&
      tag.kind !== 'explicit' &&
      !ours.some((t) => t.kind === tag.kind),
  );
  if (editions.length > 0) return { value, reason: `version compatible: ${describeAll(editions)}` };
  return {
    value,
    reason: ourDistinct.length > 0 ? `same version (${describeAll(ourDistinct)})` : 'same version',
  };
}

const LENGTH_KINDS: ReadonlySet<VersionKind> = new Set(['edit', 'extended']);

function describeAll(tags: readonly VersionTag[]): string {
  return tags.map(describeVersion).join(', ');
}

/**
 * Two tags of one kind: "Live at Wembley" and "Live at Montreux" are different performances, "Live at
 * Wembley '86" and "Live At Wembley Stadium / July 1986" the same. Details agree when they share a
 * distinctive word (a venue, a remixer's name) and no year contradicts.
 */
function detailFactor(
  a: VersionTag,
  b: VersionTag,
  creditsA: readonly string[],
  creditsB: readonly string[],
): number {
  if (a.detail === b.detail) return 1;
  // "Roses - Remix" credited to SAINt JHN and Imanbek is the "Imanbek Remix".
  if (a.detail === null && b.detail !== null)
    return namesCredit(b.detail, creditsA) ? 1 : VAGUE_DETAIL_FACTOR[a.kind];
  if (b.detail === null && a.detail !== null)
    return namesCredit(a.detail, creditsB) ? 1 : VAGUE_DETAIL_FACTOR[a.kind];
  if (a.detail === null || b.detail === null) return VAGUE_DETAIL_FACTOR[a.kind];
  const wordsA = a.detail.split(' ');
  const wordsB = b.detail.split(' ');
  const yearsA = wordsA.filter(isYear);
  const yearsB = wordsB.filter(isYear);
  if (yearsA.length > 0 && yearsB.length > 0 && !yearsA.some((y) => yearsB.includes(y))) {
    return OTHER_DETAIL_FACTOR[a.kind];
  }
  const distinctiveA = wordsA.filter(isDistinctive);
  const distinctiveB = wordsB.filter(isDistinctive);
  if (distinctiveA.some((word) => distinctiveB.includes(word))) return 1;
  if (distinctiveA.length === 0 || distinctiveB.length === 0) return VAGUE_DETAIL_FACTOR[a.kind];
  return similarity(a.detail, b.detail) >= 0.8 ? 1 : OTHER_DETAIL_FACTOR[a.kind];
}

function namesCredit(detail: string, credits: readonly string[]): boolean {
  return credits.some((key) => key.length >= 3 && ` ${detail} `.includes(` ${key} `));
}

function creditKeys(track: NormalizedTrack): string[] {
  return [track.primaryArtist, ...track.featuredArtists].flatMap((artist) =>
    artist === null ? [] : [artist.key],
  );
}

function isYear(word: string): boolean {
  return /^(19|20)\d\d$/.test(word);
}

function isDistinctive(word: string): boolean {
  return word.length >= 3 && !/^\d+$/.test(word) && !PLACE_WORDS.has(word);
}

/** Words every venue or session name shares; they say nothing about which one. */
const PLACE_WORDS = new Set(
  (
    'stadium arena theatre theater hall hotel club park center centre festival concert tour tours session ' +
    'sessions city studio studios radio bbc tv mtv show night day january february march april may june july ' +
    'august september october november december usa england london new york los angeles uk'
  ).split(' '),
);

export function explicitPart(originalExplicit: boolean, candidateExplicit: boolean): Part {
  if (originalExplicit === candidateExplicit) {
    return {
      value: 1,
      reason: originalExplicit ? 'explicit, like the original' : 'not explicit, like the original',
    };
  }
  if (originalExplicit) {
    return { value: EXPLICIT_TO_CLEAN, reason: 'clean version of an explicit original' };
  }
  return { value: CLEAN_TO_EXPLICIT, reason: 'explicit, but the original is the clean version' };
}
