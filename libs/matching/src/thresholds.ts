/**
 * The decision thresholds, read from the labelled set (fixtures/): `pnpm bench:match:sweep` prints
 * precision / recall / false replacements over a grid of threshold x margin (the table is copied in
 * fixtures/README.md).
 */

/**
 * A scored candidate needs at least this score to replace a track. On the labelled set every threshold
 * from 0.75 to 0.95 makes no false replacement and 0.70 makes one (an unknown-bracket version scoring
 * 0.72); 0.80 sits in the middle of that plateau, a step away from both edges, at a recall of 0.97.
 */
export const MATCH_THRESHOLD = 0.8;

/**
 * ...and must lead the best candidate that is a *different* song or version by this much, otherwise the
 * choice is a guess. Other releases of the chosen song (same title, artist, version and length) do not
 * count as rivals: any of them would do, and release preference picks one. No margin up to 0.30 changes
 * precision on the labelled set; 0.05 still refuses near-ties (two titles of one song the scorer cannot
 * connect, 0.80 against 0.77) while losing no case to rounding-sized leads, as 0.10 does.
 */
export const MATCH_MARGIN = 0.05;

/** Releases of the chosen song scoring within this of the best are ranked by release preference instead. */
export const TIE_EPSILON = 0.05;

/** Candidates with the same title, artist and version, this close in length, are one song on two releases. */
export const SAME_SONG_DURATION_S = 5;

/**
 * An available track with the original's ISRC is the same recording, unless its length says otherwise:
 * more than this apart (or this fraction of the original, for long tracks) and the ISRC is taken for a
 * catalog error (labels reuse ISRCs for edits, and mistype them). Such a twin is then scored like any
 * other candidate, so a real match still has its chance.
 */
export const ISRC_MAX_DURATION_DIFF_S = 10;
export const ISRC_MAX_DURATION_DIFF_RATIO = 0.05;

/**
 * ...and unless nothing else agrees: a twin whose title scores below this and whose artists share nothing
 * with the original is another song given a mistyped ISRC. Either one agreeing is enough, since the same
 * recording is often retitled (a translation, a typo) or recredited (a best-of's artist spelling).
 */
export const ISRC_MIN_TITLE = 0.5;

/** How many scored candidates a decision lists besides its choice. */
export const RUNNERS_UP = 3;
