import type { MatchDecision, Track } from '@tidal-remedy/contracts';
import { compilationSign } from './compilation.js';
import { type DecideOptions, decide } from './decide.js';
import type { Category, LabelledCase } from './labelled-case.js';

export interface CaseOutcome {
  case: LabelledCase;
  decision: MatchDecision;
  /** `right`: the answer chosen (or none, rightly); `wrong`: a replacement that is not the answer; `missed`: none, but there was an answer. */
  verdict: 'right' | 'wrong' | 'missed';
}

export interface Quality {
  cases: number;
  /** Cases whose right answer is a replacement. */
  answerable: number;
  replacements: number;
  rightReplacements: number;
  /** Right replacements that are the preferred release (the first answer listed). */
  preferredReplacements: number;
  /** Replacements that are not the answer: a wrong song, or any song where the answer is none. */
  falseReplacements: number;
  /** rightReplacements / replacements (1 when nothing was replaced). */
  precision: number;
  /** rightReplacements / answerable. */
  recall: number;
}

export interface Evaluation extends Quality {
  byCategory: Map<Category, Quality>;
  outcomes: CaseOutcome[];
}

/** Runs decide() over the labelled set and measures it: precision, recall, false replacements. */
export function evaluate(cases: readonly LabelledCase[], options: DecideOptions = {}): Evaluation {
  const outcomes = cases.map((c) =>
    judge(c, decide(c.original, c.candidates, { explicit: c.explicit, ...options })),
  );
  const byCategory = new Map<Category, Quality>();
  for (const category of new Set(cases.map((c) => c.category))) {
    byCategory.set(category, measure(outcomes.filter((o) => o.case.category === category)));
  }
  return { ...measure(outcomes), byCategory, outcomes };
}

function judge(c: LabelledCase, decision: MatchDecision): CaseOutcome {
  const chosen: Track | null = decision.replacement;
  if (chosen === null) return { case: c, decision, verdict: c.answers.length === 0 ? 'right' : 'missed' };
  return { case: c, decision, verdict: c.answers.includes(chosen.id) ? 'right' : 'wrong' };
}

function measure(outcomes: readonly CaseOutcome[]): Quality {
  const answerable = outcomes.filter((o) => o.case.answers.length > 0).length;
  const replacements = outcomes.filter((o) => o.decision.replacement !== null).length;
  const rightReplacements = outcomes.filter(
    (o) => o.decision.replacement !== null && o.verdict === 'right',
  ).length;
  const preferredReplacements = outcomes.filter(
    (o) => o.decision.replacement !== null && o.decision.replacement.id === o.case.answers[0],
  ).length;
  return {
    cases: outcomes.length,
    answerable,
    replacements,
    rightReplacements,
    preferredReplacements,
    falseReplacements: replacements - rightReplacements,
    precision: replacements === 0 ? 1 : rightReplacements / replacements,
    recall: answerable === 0 ? 1 : rightReplacements / answerable,
  };
}

export interface RecogniserQuality {
  albums: number;
  /** Albums a person labelled a compilation. */
  compilations: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
}

/**
 * Measures compilationSign against the labelled set's `compilation` labels, two ways: every album of every
 * track on its own (album artists and title only: no original to compare dates with), and every release
 * of an original's recording (the right answers) against that original, as release preference and the
 * match step ask it. An album is counted once per way (and per original, for the second).
 */
export function measureCompilationSigns(cases: readonly LabelledCase[]): {
  everyAlbum: RecogniserQuality;
  releasesOfTheRecording: RecogniserQuality;
} {
  const everyAlbum = cases.flatMap((c) =>
    [c.original, ...c.candidates].map((track) => ({ c, track, original: null })),
  );
  const releases = cases.flatMap((c) =>
    c.candidates.filter((t) => c.answers.includes(t.id)).map((track) => ({ c, track, original: c.original })),
  );
  return { everyAlbum: recogniserQuality(everyAlbum), releasesOfTheRecording: recogniserQuality(releases) };
}

function recogniserQuality(
  entries: ReadonlyArray<{ c: LabelledCase; track: Track; original: Track | null }>,
): RecogniserQuality {
  const seen = new Set<string>();
  let albums = 0;
  let compilations = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (const { c, track, original } of entries) {
    if (track.album === null) continue;
    const key = `${track.album.id}|${track.artists[0]?.id}|${original?.album?.releaseDate ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    albums++;
    const labelled = c.onCompilations.includes(track.id);
    const signed = compilationSign(track, original) !== null;
    if (labelled) compilations++;
    if (signed && labelled) truePositives++;
    if (signed && !labelled) falsePositives++;
  }
  const signed = truePositives + falsePositives;
  return {
    albums,
    compilations,
    truePositives,
    falsePositives,
    precision: signed === 0 ? 1 : truePositives / signed,
    recall: compilations === 0 ? 1 : truePositives / compilations,
  };
}
