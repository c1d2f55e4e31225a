import type { MatchDecision, Track } from '@tidal-remedy/contracts';
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
