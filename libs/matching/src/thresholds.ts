/**
 * The decision thresholds. Chosen from the labelled set (fixtures/): `pnpm bench:match:sweep` prints
 * precision, recall and false replacements over a grid of threshold x margin; see fixtures/README.md for
 * the table the values below were read from and why.
 */

/** A scored candidate needs at least this score to replace a track. */
export const MATCH_THRESHOLD = 0.7;

/**
 * ...and must lead the best candidate that is a *different* song or version by this much, otherwise the
 * choice is a guess. Other releases of the chosen song (same title, artist, version and length) do not
 * count as rivals: any of them would do, and release preference picks one.
 */
export const MATCH_MARGIN = 0.1;

/** Releases of the chosen song scoring within this of the best are ranked by release preference instead. */
export const TIE_EPSILON = 0.05;

/** Candidates with the same title, artist and version, this close in length, are one song on two releases. */
export const SAME_SONG_DURATION_S = 3;

/**
 * An available track with the original's ISRC is the same recording, unless its length says otherwise:
 * more than this apart (or this fraction of the original, for long tracks) and the ISRC is taken for a
 * catalog error (labels reuse ISRCs for edits, and mistype them). Such a twin is then scored like any
 * other candidate, so a real match still has its chance.
 */
export const ISRC_MAX_DURATION_DIFF_S = 10;
export const ISRC_MAX_DURATION_DIFF_RATIO = 0.05;

/** How many scored candidates a decision lists besides its choice. */
export const RUNNERS_UP = 3;
