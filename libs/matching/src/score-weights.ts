import type { VersionKind } from './version-tag.js';

/**
 * The values the score parts are built from. Each is a factor in [0, 1] applied when something differs;
 * 1 means "no evidence against". They encode judgements about catalogs (a remaster is the same recording,
 * a live take is not), and were checked against the labelled set with `pnpm bench:match:sweep`, which
 * prints how precision and recall move when the decision thresholds change (see thresholds.ts).
 */

/** "Pt. 1" vs "Pt. 2", "Song 2" vs "Song": different songs, whatever else agrees. */
export const TITLE_NUMBERS_DIFFER = 0.2;
/** An "Intro" on another album is another intro: the title alone identifies nothing. */
export const GENERIC_TITLE_OTHER_ALBUM = 0.3;
/**
 * Titles equal once a bracket naming no known version is dropped. Sometimes a subtitle ("(I Can't Get No)
 * Satisfaction"), sometimes an unnamed version ("Hips Don't Lie (Bamboo)"): weak evidence against.
 */
export const CORE_TITLE_MATCH = 0.8;
/** Titles equal but for a leading article ("The Chain" / "Chain"), which some releases drop. */
export const ARTICLE_TITLE_MATCH = 0.95;
/** Titles whose romanisations differ only in vowels ("Pervaya Lyubov" / "Pervaia Liubov"). */
export const SKELETON_TITLE_MATCH = 0.9;
/**
 * Classical titles of one movement, the work worded otherwise or left out ("Turandot, SC 91 / Act 3:
 * Nessun dorma!" / "Turandot: Nessun dorma!"): the performers and the length decide the recording.
 */
export const SAME_MOVEMENT = 0.95;

/**
 * The artists part once the primary artist is credited on both. Catalogs credit loosely (a best-of adds
 * "Sting" to "The Police", a single drops the featured rapper), so a credit missing or added costs little;
 * but a title that announces a guest the original lacks ("Let Her Go (feat. Ed Sheeran)") is a new
 * recording, and a guest replaced by another ("feat. Wyclef Jean" -> "feat. Ivy Queen") even more so.
 */
export const ARTIST_MISSING = 0.9;
export const ARTIST_ADDED = 0.85;
export const FEATURE_ADDED_IN_TITLE = 0.5;
export const FEATURE_REPLACED = 0.4;
/** The original's artist credited, but on another artist's track (as the guest, or second billed). */
export const ARTIST_GUEST_ONLY = 0.3;
/** "Jimi Hendrix" for "The Jimi Hendrix Experience": the same records, credited loosely (isLeadersBand). */
export const LEADERS_BAND = 0.9;

/** Durations this close are the same recording (rounding, a second of silence, a shorter fade). */
export const DURATION_TOLERANCE_S = 2;
/** ...or this fraction of the original's length, for long tracks. */
export const DURATION_TOLERANCE_RATIO = 0.01;
/** Beyond the tolerance the part falls as exp(-(excess / scale)^2): 5 s over gives 0.71, 10 s over 0.25. */
export const DURATION_SCALE_S = 8.5;
/** A track of unknown length (0 ms) neither confirms nor contradicts. */
export const UNKNOWN_DURATION = 0.9;

/**
 * An explicit original may be replaced by its clean version (the song, with words muted) when nothing
 * better exists; under the default policy (`explicit: strict`) a clean original is never replaced by an
 * explicit track: someone chose the clean one. Under `explicit: allow` the explicit version may replace a
 * clean original as the clean one may an explicit: only when everything else agrees (0.85 is above the
 * threshold, but one more small difference takes it below), and releases like the original come first.
 */
export const EXPLICIT_TO_CLEAN = 0.85;
export const CLEAN_TO_EXPLICIT = 0;
export const CLEAN_TO_EXPLICIT_ALLOWED = EXPLICIT_TO_CLEAN;

/**
 * The version part's factor when one side has a version the other lacks. Editions (remaster, deluxe...)
 * are 1: the same recording. Other mixes are close. Everything else is a different recording or edit.
 */
export const MISSING_VERSION_FACTOR: Record<VersionKind, number> = {
  remaster: 1,
  edition: 1,
  original: 1,
  soundtrack: 1,
  stereo: 1,
  explicit: 1,
  clean: 1,
  mono: 0.8,
  newmix: 0.9,
  live: 0.1,
  acoustic: 0.15,
  remix: 0.1,
  edit: 0.3,
  extended: 0.3,
  instrumental: 0.05,
  acappella: 0.05,
  demo: 0.15,
  alternate: 0.3,
  rerecording: 0.15,
  karaoke: 0,
  speed: 0,
  orchestral: 0.1,
  reprise: 0.05,
  language: 0.05,
  other: 0.6,
};

/** "Radio Edit" on one side only, but both last as long: the same cut, named on one release only. */
export const SAME_LENGTH_CUT = 0.9;

/** Both sides have the version, one says which ("Live" vs "Live at Wembley"): probably the same. */
export const VAGUE_DETAIL_FACTOR: Record<VersionKind, number> = {
  ...allOnes(),
  live: 0.85,
  remix: 0.6,
  language: 0.5,
  alternate: 0.7,
  other: 0.7,
  demo: 0.9,
};

/** Both sides say which, and they differ: another performance, another remixer, another language. */
export const OTHER_DETAIL_FACTOR: Record<VersionKind, number> = {
  ...allOnes(),
  live: 0.3,
  remix: 0.05,
  language: 0.05,
  alternate: 0.4,
  other: 0.5,
  demo: 0.5,
};

function allOnes(): Record<VersionKind, number> {
  const ones = {} as Record<VersionKind, number>;
  for (const kind of Object.keys(MISSING_VERSION_FACTOR) as VersionKind[]) ones[kind] = 1;
  return ones;
}
