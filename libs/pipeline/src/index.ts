export { buildReport, type ReportInputs } from './build-report.js';
export { type Lookups, lookupOf, matchLookups, publishLookups } from './cache-counts.js';
export { type CacheVersions, cacheVersionsFrom, STEP_CACHE_VERSIONS } from './cache-versions.js';
export { addCallCounts, decisionsByPosition } from './decisions.js';
export { type FetchedAndPlanned, fetchAndPlan } from './fetch-and-plan.js';
export { type FetchInput, type FetchOutput, fetchStep } from './fetch-step.js';
export { type MatchInput, type MatchOutput, matchStep, SEARCH_CANDIDATES } from './match-step.js';
export {
  type PipelineDeps,
  type PipelineParts,
  type PipelineSettings,
  pipelineDepsFrom,
} from './pipeline-deps.js';
export { type MatchPlan, type MatchTask, planMatches } from './plan-matches.js';
export {
  type PublishedReport,
  proposedReport,
  publishAndReport,
  type ReportBasis,
} from './publish-and-report.js';
export { type InPlaceGroup, type ItemFate, type PublishPlan, planPublish } from './publish-plan.js';
export {
  ItemIdMissingError,
  PublishConflictError,
  type PublishInput,
  type PublishOutput,
  playlistUrl,
  publishStep,
} from './publish-step.js';
export { applyReview, type ReviewedDecisions, reviewedBasis } from './review.js';
export {
  type ProgressEvent,
  type RunnableRequest,
  type RunRemedyOptions,
  runRemedy,
} from './run-remedy.js';
export { MissingStepOutputError, readDecisions, readSnapshot } from './step-outputs.js';
export { TRACK_MEMORY_TTL_SECONDS } from './track-memory.js';
export { type UnavailableTrack, unavailableTracks } from './unavailable-tracks.js';
export {
  NothingToUndoError,
  PlaylistChangedSinceError,
  type UndoResult,
  undoInPlace,
} from './undo-in-place.js';
export { assertCanPublish, type CountrySource, resolveCountry } from './write-access.js';
