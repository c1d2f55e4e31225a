export { buildReport, type ReportInputs } from './build-report.js';
export { type CacheVersions, cacheVersionsFrom, STEP_CACHE_VERSIONS } from './cache-versions.js';
export { addCallCounts, decisionsByPosition } from './decisions.js';
export { type FetchInput, type FetchOutput, fetchStep } from './fetch-step.js';
export { matchKey } from './match-key.js';
export { type MatchInput, type MatchOutput, matchStep, SEARCH_CANDIDATES } from './match-step.js';
export type { PipelineDeps } from './pipeline-deps.js';
export { type MatchPlan, type MatchTask, planMatches } from './plan-matches.js';
export { type InPlaceGroup, type ItemFate, type PublishPlan, planPublish } from './publish-plan.js';
export {
  ItemIdMissingError,
  PublishConflictError,
  type PublishInput,
  type PublishOutput,
  playlistUrl,
  publishStep,
} from './publish-step.js';
export {
  applyReview,
  approvalRequestSchemaFor,
  candidatesOf,
  type ReviewedDecisions,
} from './review.js';
export {
  type ProgressEvent,
  type RunnableRequest,
  type RunRemedyOptions,
  runRemedy,
} from './run-remedy.js';
export { TRACK_MEMORY_TTL_SECONDS } from './track-memory.js';
export { type UnavailableTrack, unavailableTracks } from './unavailable-tracks.js';
