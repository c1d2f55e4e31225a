/**
 * `@tidal-remedy/matching/eval`: measuring the matcher, not matching. The labelled set and the evaluation
 * over it, for the benchmarks (bench/match.bench.ts, bench/match-sweep.ts).
 */
export {
  type CaseOutcome,
  type Evaluation,
  evaluate,
  measureCompilationSigns,
  type Quality,
  type RecogniserQuality,
} from './evaluate.js';
export { FIXTURES_DIR, loadLabelledFile, loadLabelledSet } from './labelled-set.js';
export { clearNormalizeCache } from './normalize.js';
