export type { ArtistKey } from './artist-key.js';
export { compilationSign } from './compilation.js';
export { type DecideOptions, decide, noReplacement } from './decide.js';
export { hidesDetails, type NormalizedTrack, normalize } from './normalize.js';
export { type CandidateScore, scoreCandidate } from './score-candidate.js';
export { searchQueryFor } from './search-query.js';
export {
  ISRC_MAX_DURATION_DIFF_RATIO,
  ISRC_MAX_DURATION_DIFF_S,
  ISRC_MIN_TITLE,
  MATCH_MARGIN,
  MATCH_THRESHOLD,
  RUNNERS_UP,
  SAME_SONG_DURATION_S,
  TIE_EPSILON,
} from './thresholds.js';
export type { VersionKind, VersionTag } from './version-tag.js';
