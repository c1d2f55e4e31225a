import {
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  type ScoredCandidate,
  type ScoreParts,
  type Track,
} from '@tidal-remedy/contracts';
import { type ArtistKey, isCredited, isLeadersBand } from './artist-key.js';
import { sameMovement } from './classical.js';
import { formatDuration, quote } from './describe.js';
import { type NormalizedTrack, normalize } from './normalize.js';
import {
  ARTICLE_TITLE_MATCH,
  ARTIST_ADDED,
  ARTIST_GUEST_ONLY,
  ARTIST_MISSING,
  CLEAN_TO_EXPLICIT,
  CLEAN_TO_EXPLICIT_ALLOWED,
  CORE_TITLE_MATCH,
  DURATION_SCALE_S,
  DURATION_TOLERANCE_RATIO,
  DURATION_TOLERANCE_S,
  EXPLICIT_TO_CLEAN,
  FEATURE_ADDED_IN_TITLE,
  FEATURE_REPLACED,
  GENERIC_TITLE_OTHER_ALBUM,
  LEADERS_BAND,
  MISSING_VERSION_FACTOR,
  OTHER_DETAIL_FACTOR,
  SAME_LENGTH_CUT,
  SAME_MOVEMENT,
  SKELETON_TITLE_MATCH,
  TITLE_NUMBERS_DIFFER,
  UNKNOWN_DURATION,
  VAGUE_DETAIL_FACTOR,
} from './score-weights.js';
import { abjadSkeleton, consonantSkeleton, similarity, wordSimilarity } from './similarity.js';
import {
  ABSENT_VERSION_NOUNS,
  describeVersion,
  isDistinctVersion,
  type VersionKind,
  type VersionTag,
} from './version-tag.js';

/** A scored candidate with the reason for each part, in words (title, artists, duration, version, explicit). */
export interface CandidateScore extends ScoredCandidate {
  reasons: string[];
}

/**
 * Scores how well `candidate` can stand in for `original`: the product of five parts in [0, 1] (title,
 * artists, duration, version, explicitness). A product, so one clear contradiction (another artist, a live
 * take of a studio track, a minute longer) sinks the score whatever the other parts say.
 */
export function scoreCandidate(
  original: Track,
  candidate: Track,
  policy: ExplicitPolicy = DEFAULT_EXPLICIT_POLICY,
): CandidateScore {
  return scoreNormalized(original, normalize(original), candidate, normalize(candidate), {
    explain: true,
    policy,
  });
}

export interface ScoreOptions {
  /** Write the reasons; decide() scores every candidate but puts only a few into words, the costly part. */
  explain: boolean;
  /** Whether explicitness may differ (contracts ExplicitPolicy). */
  policy: ExplicitPolicy;
}

/** scoreCandidate on normalised tracks. */
export function scoreNormalized(
  original: Track,
  o: NormalizedTrack,
  candidate: Track,
  c: NormalizedTrack,
  { explain, policy }: ScoreOptions,
): CandidateScore {
  const title = titlePart(o, c, explain);
  const artists = artistsPart(o, c, explain);
  const duration = durationPart(original.durationMs, candidate.durationMs, explain);
  const version = versionPart(o, c, duration.value === 1, explain);
  const explicit = explicitPart(original.explicit, candidate.explicit, policy, explain);
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
    reasons: explain ? [title.reason, artists.reason, duration.reason, version.reason, explicit.reason] : [],
  };
}

/** Four decimals: enough to rank, and a report shows 0 rather than 1e-245. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** A part's value and, when asked to explain, its reason in words ('' otherwise). */
export interface Part {
  value: number;
  reason: string;
}

export function titlePart(o: NormalizedTrack, c: NormalizedTrack, explain = true): Part {
  if (o.title !== c.title && sameMovement(o.work, o.titleNumbers, c.work, c.titleNumbers)) {
    return {
      value: SAME_MOVEMENT,
      reason: explain ? `the same movement of the same work, worded otherwise ${titles(o, c)}` : '',
    };
  }
  if (o.titleNumbers !== c.titleNumbers) {
    return {
      value: Math.min(TITLE_NUMBERS_DIFFER, similarity(o.title, c.title)),
      reason: explain ? `title numbers differ ${titles(o, c)}` : '',
    };
  }
  if (o.title === c.title || o.coreTitle === c.coreTitle) {
    if (o.genericTitle && o.album !== c.album) {
      return {
        value: GENERIC_TITLE_OTHER_ALBUM,
        reason: explain ? `${quote(o.displayTitle)} is a generic title and the albums differ` : '',
      };
    }
    if (o.title === c.title) return { value: 1, reason: explain ? 'title matches' : '' };
    return {
      value: CORE_TITLE_MATCH,
      reason: explain ? `title matches once brackets are set aside ${titles(o, c)}` : '',
    };
  }
  if (withoutArticle(o.title) === withoutArticle(c.title)) {
    return {
      value: ARTICLE_TITLE_MATCH,
      reason: explain ? `title matches but for a leading article ${titles(o, c)}` : '',
    };
  }
  if (o.title.replace(/ /g, '') === c.title.replace(/ /g, '')) {
    return {
      value: ARTICLE_TITLE_MATCH,
      reason: explain ? `title matches but for its spacing ${titles(o, c)}` : '',
    };
  }
  // A title in another script, transliterated letter by letter: Hebrew and Arabic write few vowels, and
  // their vav, waw and yod read as vowels too, so only the consonants are compared.
  if (o.latinTitle !== c.latinTitle) {
    const ours = abjadSkeleton(o.title);
    if (ours !== '' && ours === abjadSkeleton(c.title)) {
      return {
        value: SKELETON_TITLE_MATCH,
        reason: explain ? `title matches once transliterated ${titles(o, c)}` : '',
      };
    }
  }
  const skeleton = consonantSkeleton(o.title);
  if (skeleton !== '' && skeleton === consonantSkeleton(c.title)) {
    return {
      value: SKELETON_TITLE_MATCH,
      reason: explain ? `title matches in another spelling ${titles(o, c)}` : '',
    };
  }
  // A classical work is worded in any order ("Nocturne in E-Flat Major, Op. 9, No. 2" and "Nocturnes,
  // Op. 9: No. 2 in E-Flat Major"); its numbers agree (checked above), so its words count, not their order.
  const value = Math.max(
    titleSimilarity(o.title, c.title),
    titleSimilarity(o.coreTitle, c.coreTitle),
    o.work.classical && c.work.classical ? Math.min(SAME_MOVEMENT, wordSimilarity(o.title, c.title)) : 0,
  );
  return {
    value,
    reason: explain ? `title ${value >= 0.85 ? 'nearly matches' : 'differs'} ${titles(o, c)}` : '',
  };
}

function titles(o: NormalizedTrack, c: NormalizedTrack): string {
  return `(${quote(c.displayTitle)} vs ${quote(o.displayTitle)})`;
}

function withoutArticle(key: string): string {
  return key.replace(/^(the|a|an) /, '');
}

/** Character-level similarity, capped by how many whole words agree. */
function titleSimilarity(a: string, b: string): number {
  return Math.min(similarity(a, b), wordSimilarity(a, b));
}

export function artistsPart(o: NormalizedTrack, c: NormalizedTrack, explain = true): Part {
  if (o.primaryArtist === null || c.primaryArtist === null) {
    return { value: 0, reason: explain ? 'artists unknown' : '' };
  }
  let ours = [o.primaryArtist, ...o.featuredArtists];
  let theirs = [c.primaryArtist, ...c.featuredArtists];
  // A classical release may credit the work's composer first, another release only the performers.
  let composer: ArtistKey | null = null;
  if (o.work.classical || c.work.classical) {
    if (leadsAlone(theirs, ours)) [composer, theirs] = [theirs[0]!, theirs.slice(1)];
    else if (leadsAlone(ours, theirs)) [composer, ours] = [ours[0]!, ours.slice(1)];
  }
  const ourPrimary = ours[0]!;
  let theirPrimary = theirs[0]!;
  const composerNote =
    composer === null ? '' : `; the composer, ${composer.name}, credited on one release only`;
  let leader = 1;
  let leaderNote = '';
  if (!isCredited(ourPrimary, theirs) && isLeadersBand(ourPrimary, theirPrimary)) {
    leader = LEADERS_BAND;
    leaderNote = `; ${theirPrimary.name} credited as ${ourPrimary.name}`;
    [theirPrimary, theirs] = [ourPrimary, [ourPrimary, ...theirs.slice(1)]];
  }
  if (!isCredited(ourPrimary, theirs)) {
    return {
      value: 0,
      reason: explain ? `primary artist differs: ${names(theirs)} vs ${ourPrimary.name}` : '',
    };
  }
  // "Walk This Way" by Run-DMC featuring Aerosmith is Run-DMC's record, not Aerosmith's.
  if (!isCredited(theirPrimary, ours) && !isCredited(ourPrimary, [theirPrimary])) {
    return {
      value: ARTIST_GUEST_ONLY,
      reason: explain ? `${ourPrimary.name} is only a guest on ${theirPrimary.name}'s track` : '',
    };
  }
  const missing = ours.filter((artist) => !isCredited(artist, theirs));
  const added = theirs.filter((artist) => !isCredited(artist, ours));
  if (missing.length === 0 && added.length === 0) {
    return {
      value: leader,
      reason: explain
        ? `same ${ours.length > 1 ? 'artists' : 'artist'} (${names(ours)})${composerNote}${leaderNote}`
        : '',
    };
  }
  // A guest announced in the title but unknown to the original is a new recording, unless both come from
  // one album: an album's tracks are fixed, so there it is only the credit that differs.
  const newGuest =
    added.some((artist) => isCredited(artist, c.titleGuests)) && (o.album === null || o.album !== c.album);
  let value = leader;
  if (missing.length > 0) value *= ARTIST_MISSING;
  if (added.length > 0) value *= newGuest ? FEATURE_ADDED_IN_TITLE : ARTIST_ADDED;
  if (newGuest && missing.length > 0) value = Math.min(value, FEATURE_REPLACED);
  if (!explain) return { value, reason: '' };
  const differences = [
    missing.length > 0 ? `${names(missing)} not credited` : '',
    added.length > 0 ? `${names(added)} ${newGuest ? 'added as a guest' : 'added'}` : '',
  ].filter(Boolean);
  return {
    value,
    reason: `same primary artist (${ourPrimary.name}); other credits differ: ${differences.join(', ')}${composerNote}${leaderNote}`,
  };
}

/** Whether `credits` lead with one artist absent from `other`, all the rest of `other` being credited. */
function leadsAlone(credits: readonly ArtistKey[], other: readonly ArtistKey[]): boolean {
  if (credits.length < 2 || isCredited(credits[0]!, other)) return false;
  const rest = credits.slice(1);
  return other.every((artist) => isCredited(artist, rest));
}

function names(artists: readonly ArtistKey[]): string {
  return artists.map((artist) => artist.name).join(', ');
}

export function durationPart(originalMs: number, candidateMs: number, explain = true): Part {
  if (originalMs === 0 || candidateMs === 0) {
    return { value: UNKNOWN_DURATION, reason: explain ? 'duration unknown' : '' };
  }
  const delta = Math.abs(originalMs - candidateMs) / 1000;
  const tolerance = Math.max(DURATION_TOLERANCE_S, (DURATION_TOLERANCE_RATIO * originalMs) / 1000);
  if (delta < 0.5)
    return { value: 1, reason: explain ? `same duration (${formatDuration(originalMs)})` : '' };
  const pair = explain ? `(${formatDuration(candidateMs)} vs ${formatDuration(originalMs)})` : '';
  if (delta <= tolerance) {
    return { value: 1, reason: explain ? `duration within ${Math.ceil(delta)} s ${pair}` : '' };
  }
  const over = (delta - tolerance) / DURATION_SCALE_S;
  return {
    value: Math.exp(-over * over),
    reason: explain ? `duration differs by ${Math.round(delta)} s ${pair}` : '',
  };
}

const LENGTH_KINDS: ReadonlySet<VersionKind> = new Set(['edit', 'extended']);

/**
 * A tag that, when the lengths agree, names a release rather than another recording: an edit or extended
 * label, or a remix read only from the album's title (a remix EP also carries the original mix, untagged,
 * while its remixes carry their names).
 */
function nameOnly(tag: VersionTag): boolean {
  return LENGTH_KINDS.has(tag.kind) || (tag.kind === 'remix' && tag.fromAlbum === true);
}

/**
 * Compares the two tracks' version tags. `sameLength`: the durations agree; an edit or extended tag on
 * one side only then says little, since the single lists "Song" where a compilation lists "Song (Radio
 * Edit)" and both are the same cut (see nameOnly).
 */
export function versionPart(
  o: NormalizedTrack,
  c: NormalizedTrack,
  sameLength: boolean,
  explain = true,
): Part {
  const ours = o.versions;
  const theirs = c.versions;
  if (ours.length === 0 && theirs.length === 0) return { value: 1, reason: explain ? 'same version' : '' };
  const ourDistinct = ours.filter((tag) => isDistinctVersion(tag.kind));
  const theirDistinct = theirs.filter((tag) => isDistinctVersion(tag.kind));
  const onlyOurs = ourDistinct.filter((tag) => !theirDistinct.some((t) => t.kind === tag.kind));
  const onlyTheirs = theirDistinct.filter((tag) => !ourDistinct.some((t) => t.kind === tag.kind));
  const named = [...onlyOurs, ...onlyTheirs];
  let value = 1;
  for (const tag of named) {
    value *= sameLength && nameOnly(tag) ? SAME_LENGTH_CUT : MISSING_VERSION_FACTOR[tag.kind];
  }
  const otherDetails: [VersionTag, VersionTag][] = [];
  for (const tag of theirDistinct) {
    const counterpart = ourDistinct.find((t) => t.kind === tag.kind);
    if (counterpart === undefined) continue;
    const factor = detailFactor(tag, c, counterpart, o);
    if (factor < 1) {
      value *= factor;
      otherDetails.push([tag, counterpart]);
    }
  }
  if (named.length > 0 || otherDetails.length > 0) {
    if (!explain) return { value, reason: '' };
    const differences = otherDetails.map(
      ([theirTag, ourTag]) => `${describeVersion(theirTag)} vs ${describeVersion(ourTag)}`,
    );
    if (named.length > 0) {
      const theirWords =
        onlyTheirs.length > 0 ? describeAll(onlyTheirs) : ABSENT_VERSION_NOUNS[onlyOurs[0]!.kind];
      const ourWords =
        onlyOurs.length > 0 ? describeAll(onlyOurs) : ABSENT_VERSION_NOUNS[onlyTheirs[0]!.kind];
      differences.unshift(`${theirWords} vs ${ourWords}`);
    }
    const namedOnly = sameLength && otherDetails.length === 0 && named.every(nameOnly);
    return {
      value,
      reason: namedOnly
        ? `version named differently (${differences[0]}), but the lengths agree`
        : `version differs: ${differences.join('; ')}`,
    };
  }
  if (!explain) return { value, reason: '' };
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

function describeAll(tags: readonly VersionTag[]): string {
  return tags.map(describeVersion).join(', ');
}

/**
 * Two tags of one kind: "Live at Wembley" and "Live at Montreux" are different performances, "Live at
 * Wembley '86" and "Live At Wembley Stadium / July 1986" the same. Details agree when they share a
 * distinctive word (a venue, a remixer's name) and no year contradicts.
 */
function detailFactor(theirs: VersionTag, c: NormalizedTrack, ours: VersionTag, o: NormalizedTrack): number {
  const kind = theirs.kind;
  if (theirs.detail === ours.detail) return 1;
  // "Roses - Remix" credited to SAINt JHN and Imanbek is the "Imanbek Remix".
  if (ours.detail === null) return namesCredit(theirs.detail!, o) ? 1 : VAGUE_DETAIL_FACTOR[kind];
  if (theirs.detail === null) return namesCredit(ours.detail, c) ? 1 : VAGUE_DETAIL_FACTOR[kind];
  const wordsA = theirs.detail.split(' ');
  const wordsB = ours.detail.split(' ');
  const yearsA = wordsA.filter(isYear);
  const yearsB = wordsB.filter(isYear);
  if (yearsA.length > 0 && yearsB.length > 0 && !yearsA.some((y) => yearsB.includes(y))) {
    return OTHER_DETAIL_FACTOR[kind];
  }
  const distinctiveA = wordsA.filter(isDistinctive);
  const distinctiveB = wordsB.filter(isDistinctive);
  if (distinctiveA.some((word) => distinctiveB.includes(word))) return 1;
  if (distinctiveA.length === 0 || distinctiveB.length === 0) return VAGUE_DETAIL_FACTOR[kind];
  return similarity(theirs.detail, ours.detail) >= 0.8 ? 1 : OTHER_DETAIL_FACTOR[kind];
}

/** Whether a tag's detail names one of the track's artists ("imanbek" for a track credited to Imanbek). */
function namesCredit(detail: string, track: NormalizedTrack): boolean {
  const padded = ` ${detail} `;
  const credited = [track.primaryArtist, ...track.featuredArtists];
  return credited.some(
    (artist) => artist !== null && artist.key.length >= 3 && padded.includes(` ${artist.key} `),
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

export function explicitPart(
  originalExplicit: boolean,
  candidateExplicit: boolean,
  policy: ExplicitPolicy,
  explain = true,
): Part {
  if (originalExplicit === candidateExplicit) {
    const reason = originalExplicit ? 'explicit, like the original' : 'not explicit, like the original';
    return { value: 1, reason: explain ? reason : '' };
  }
  if (originalExplicit) {
    return { value: EXPLICIT_TO_CLEAN, reason: explain ? 'clean version of an explicit original' : '' };
  }
  if (policy === 'allow') {
    return {
      value: CLEAN_TO_EXPLICIT_ALLOWED,
      reason: explain ? 'explicit version of a clean original (allowed: explicit allow)' : '',
    };
  }
  return {
    value: CLEAN_TO_EXPLICIT,
    reason: explain ? 'explicit, but the original is the clean version (explicit strict)' : '',
  };
}
