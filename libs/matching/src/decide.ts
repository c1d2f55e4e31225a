import {
  DEFAULT_EXPLICIT_POLICY,
  type ExplicitPolicy,
  type MatchDecision,
  type ScoredCandidate,
  type Track,
} from '@tidal-remedy/contracts';
import { describeRelease, describeTrack, formatDuration, quote } from './describe.js';
import { type NormalizedTrack, normalize } from './normalize.js';
import { compareReleases } from './release-preference.js';
import { isSameSong } from './same-song.js';
import { type CandidateScore, scoreNormalized } from './score-candidate.js';
import {
  ISRC_MAX_DURATION_DIFF_RATIO,
  ISRC_MAX_DURATION_DIFF_S,
  ISRC_MIN_TITLE,
  MATCH_MARGIN,
  MATCH_THRESHOLD,
  RUNNERS_UP,
  TIE_EPSILON,
} from './thresholds.js';

export interface DecideOptions {
  /** Minimum score of a scored match; defaults to MATCH_THRESHOLD. */
  threshold?: number;
  /** Minimum lead over the best different candidate; defaults to MATCH_MARGIN. */
  margin?: number;
  /** How many runners-up the decision lists; defaults to RUNNERS_UP. */
  runnersUp?: number;
  /** Whether a replacement may differ from the original in explicitness; defaults to `strict`. */
  explicit?: ExplicitPolicy;
}

interface Scored extends CandidateScore {
  normalized: NormalizedTrack;
}

/**
 * Chooses the replacement for an unavailable track among the candidates a catalog search returned
 * (design 7): the same recording by ISRC first, else the best scored candidate if it clears the threshold
 * and leads every different candidate by the margin, else none. Unavailable candidates and the original
 * itself are never chosen. Pure: the same input gives the same decision, whatever the candidates' order.
 */
export function decide(
  original: Track,
  candidates: readonly Track[],
  options: DecideOptions = {},
): MatchDecision {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const margin = options.margin ?? MATCH_MARGIN;
  const runnersUpCount = options.runnersUp ?? RUNNERS_UP;
  const policy = options.explicit ?? DEFAULT_EXPLICIT_POLICY;
  const o = normalize(original);

  const seen = new Set<string>([original.id]);
  const scored: Scored[] = [];
  let unavailable = 0;
  let hidden = 0;
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    if (!candidate.available) {
      unavailable++;
      continue;
    }
    const normalized = normalize(candidate);
    if (normalized.hiddenDetails) {
      hidden++;
      continue;
    }
    scored.push({
      ...scoreNormalized(original, o, candidate, normalized, { explain: false, policy }),
      normalized,
    });
  }
  scored.sort(byScore);

  if (scored.length === 0 && !o.hiddenDetails) {
    const reason =
      candidates.length === 0
        ? 'the catalog search returned no candidates'
        : `no available candidate: ${[
            ...(unavailable > 0 ? [`${unavailable} unavailable`] : []),
            ...(hidden > 0 ? [`${hidden} with details TIDAL hides`] : []),
            ...(unavailable + hidden < candidates.length ? ['the rest is the original itself'] : []),
          ].join(', ')}`;
    return noReplacement([reason], []);
  }

  const notes: string[] = [];
  if (o.isrc !== null) {
    const twins = scored.filter((s) => s.normalized.isrc === o.isrc);
    const trusted = twins.filter((twin) => {
      const doubt = isrcDoubt(original, o, twin);
      if (doubt !== null) notes.push(doubt);
      return doubt === null;
    });
    if (trusted.length > 0) return isrcDecision(original, o, trusted, scored, notes, runnersUpCount);
  }
  if (o.hiddenDetails) return noReplacement([hiddenReason(original, o), ...notes], []);
  return scoredDecision(original, o, scored, notes, { threshold, margin, runnersUpCount, policy });
}

/** Why an original whose details TIDAL hides gets no replacement: its text is not the track's. */
function hiddenReason(original: Track, o: NormalizedTrack): string {
  const what =
    original.title === '' && original.artists.length === 0
      ? 'gives no details of this track'
      : `hides this track's details (it shows ${describeTrack(original)})`;
  const isrc = o.isrc === null ? '' : ' but its ISRC, which no available track shares at its length';
  return `TIDAL ${what}, so there is nothing to match it on${isrc}`;
}

/** Best score first; among equal scores the nearest title, then the lowest id. */
function byScore(a: Scored, b: Scored): number {
  if (b.score !== a.score) return b.score - a.score;
  return byTitle(a, b);
}

/** Nearest title first, then the best score, then the lowest id. */
function byTitle(a: Scored, b: Scored): number {
  if (b.parts.title !== a.parts.title) return b.parts.title - a.parts.title;
  if (b.score !== a.score) return b.score - a.score;
  return a.track.id < b.track.id ? -1 : a.track.id > b.track.id ? 1 : 0;
}

/** Why an ISRC twin cannot be the same recording, or null when nothing argues against it. */
function isrcDoubt(original: Track, o: NormalizedTrack, twin: Scored): string | null {
  const same = `${describeTrack(twin.track)} has the same ISRC (${original.isrc})`;
  const error = 'so the ISRC is taken for a catalog error and the track was scored like any other';
  if (twin.parts.title < ISRC_MIN_TITLE && twin.parts.artists === 0 && !sameLengthElsewhere(o, twin)) {
    return `${same} but neither its title nor its artist agrees with the original, ${error}`;
  }
  if (original.durationMs === 0 || twin.track.durationMs === 0) return null;
  const delta = Math.abs(original.durationMs - twin.track.durationMs) / 1000;
  const limit = Math.max(
    ISRC_MAX_DURATION_DIFF_S,
    (ISRC_MAX_DURATION_DIFF_RATIO * original.durationMs) / 1000,
  );
  if (delta <= limit) return null;
  return (
    `${same} but lasts ${formatDuration(twin.track.durationMs)} against ${formatDuration(original.durationMs)}: ` +
    `too far apart for one recording, ${error}`
  );
}

/**
 * A twin whose text cannot be compared with the original's (written in another script, or hidden by
 * TIDAL) but whose length agrees: the ISRC and the length are then the evidence, and they agree.
 */
function sameLengthElsewhere(o: NormalizedTrack, twin: Scored): boolean {
  const c = twin.normalized;
  const incomparable = o.hiddenDetails || o.latinTitle !== c.latinTitle || o.latinArtist !== c.latinArtist;
  return incomparable && twin.parts.duration === 1;
}

function isrcDecision(
  original: Track,
  o: NormalizedTrack,
  twins: Scored[],
  scored: Scored[],
  notes: string[],
  runnersUpCount: number,
): MatchDecision {
  const ranked = [...twins].sort((a, b) => compareReleases(original, o, a, b).order);
  const chosen = ranked[0]!;
  const reasons = [`same recording (ISRC ${original.isrc}) on ${describeRelease(chosen.track)}`];
  const next = ranked[1];
  if (next !== undefined) {
    const { reason } = compareReleases(original, o, chosen, next);
    reasons.push(
      `chosen over ${ranked.length - 1} other release${ranked.length > 2 ? 's' : ''} of this recording for ${reason}`,
    );
  }
  if (chosen.parts.title < ISRC_MIN_TITLE && chosen.parts.artists === 0) {
    reasons.push(
      o.hiddenDetails
        ? `TIDAL hides the original's details; its ISRC and its length (${formatDuration(original.durationMs)}) are this track's`
        : `listed as ${describeTrack(chosen.track)}, in another script than the original; the ISRC and the length (${formatDuration(chosen.track.durationMs)}) agree`,
    );
  } else if (chosen.parts.title < 0.85) {
    reasons.push(`the title reads ${quote(chosen.track.title)} here; the ISRC says it is the same recording`);
  }
  if (chosen.track.explicit !== original.explicit) {
    reasons.push(
      original.explicit
        ? 'only a clean release of this recording is available; the original was explicit'
        : 'this release is marked explicit while the original was not',
    );
  }
  return {
    decision: 'isrc',
    replacement: chosen.track,
    score: chosen.score,
    parts: chosen.parts,
    reasons: [...reasons, ...notes],
    runnersUp: runnersUp(scored, chosen, runnersUpCount),
  };
}

function scoredDecision(
  original: Track,
  o: NormalizedTrack,
  scored: Scored[],
  notes: string[],
  limits: { threshold: number; margin: number; runnersUpCount: number; policy: ExplicitPolicy },
): MatchDecision {
  const best = scored[0]!;
  if (best.score < limits.threshold) {
    // Scores that all show as 0.00 rank nothing: the nearest titles come first instead.
    const ranked = best.score < SHOWN_AS_ZERO ? [...scored].sort(byTitle) : scored;
    return noReplacement(
      [farReason(original, o, ranked[0]!, limits), ...notes],
      runnersUp(ranked, null, limits.runnersUpCount),
    );
  }

  const releases = scored.filter(
    (s) =>
      s.score >= best.score - TIE_EPSILON && isSameSong(best.track, best.normalized, s.track, s.normalized),
  );
  releases.sort((a, b) => compareReleases(original, o, a, b).order);
  const chosen = releases[0]!;
  const rival = scored.find(
    (s) => s !== best && !isSameSong(best.track, best.normalized, s.track, s.normalized),
  );
  if (rival !== undefined && best.score - rival.score < limits.margin) {
    return noReplacement(
      [
        `two different candidates are too close to choose between: ${describeTrack(best.track)} scored ` +
          `${round(best.score)} and ${describeTrack(rival.track)} ${round(rival.score)} (a lead of ${limits.margin} is needed)`,
        ...notes,
      ],
      runnersUp(scored, null, limits.runnersUpCount),
    );
  }

  const lead =
    rival === undefined
      ? 'no other candidate is a different song'
      : `${round(best.score - rival.score)} ahead of the next different candidate`;
  const reasons = [
    `best match ${describeTrack(chosen.track)} on ${describeRelease(chosen.track)}: score ${round(chosen.score)}, ${lead}`,
    ...explain(original, o, chosen, limits.policy),
  ];
  if (releases.length > 1) {
    const { reason } = compareReleases(original, o, chosen, releases[1]!);
    reasons.push(
      `chosen over ${releases.length - 1} other release${releases.length > 2 ? 's' : ''} of the same song for ${reason}`,
    );
  }
  return {
    decision: 'match',
    replacement: chosen.track,
    score: chosen.score,
    parts: chosen.parts,
    reasons: [...reasons, ...notes],
    runnersUp: runnersUp(scored, chosen, limits.runnersUpCount),
  };
}

/**
 * Why nothing was chosen when even the best candidate is below the threshold. When every candidate scored
 * 0.00 there is no "best": the nearest by title is named, or none if no title resembles the original's.
 */
function farReason(
  original: Track,
  o: NormalizedTrack,
  best: Scored,
  limits: { threshold: number; policy: ExplicitPolicy },
): string {
  const against = (scored: Scored, skip: (typeof PART_ORDER)[number] | null = null) =>
    explain(original, o, scored, limits.policy).filter(
      (_, i) => partValue(scored, i) < 0.95 && PART_ORDER[i] !== skip,
    );
  if (best.score >= SHOWN_AS_ZERO) {
    const why = against(best);
    return (
      `no candidate reached the score of ${limits.threshold}: the best, ${describeTrack(best.track)}, scored ${round(best.score)}` +
      (why.length > 0 ? ` (${why.join('; ')})` : '')
    );
  }
  if (best.parts.title < NEAREST_TITLE_MIN) {
    return `no candidate came close: every one scored 0.00, and none has a title like ${quote(o.displayTitle)}`;
  }
  return (
    `no candidate came close: every one scored 0.00; the nearest by title, ${describeTrack(best.track)}, is out because ` +
    against(best, 'title').join('; ')
  );
}

/** A score that rounds to 0.00 in the report is no "best". */
const SHOWN_AS_ZERO = 0.005;

/** Below this title part, no candidate is "the nearest by title": none resembles the original. */
const NEAREST_TITLE_MIN = 0.5;

/** The reasons of one scored candidate, written out (scoring left them empty). */
function explain(original: Track, o: NormalizedTrack, scored: Scored, policy: ExplicitPolicy): string[] {
  return scoreNormalized(original, o, scored.track, scored.normalized, { explain: true, policy }).reasons;
}

const PART_ORDER = ['title', 'artists', 'duration', 'version', 'explicit'] as const;

function partValue(scored: Scored, index: number): number {
  const name = PART_ORDER[index];
  return name === undefined ? 1 : scored.parts[name];
}

/** A decision with no replacement: why, and the candidates a person might still pick. */
export function noReplacement(reasons: string[], runners: ScoredCandidate[] = []): MatchDecision {
  return { decision: 'none', replacement: null, score: null, parts: null, reasons, runnersUp: runners };
}

function runnersUp(scored: readonly Scored[], chosen: Scored | null, count: number): ScoredCandidate[] {
  return scored
    .filter((s) => s !== chosen)
    .slice(0, count)
    .map((s) => ({ track: s.track, score: s.score, parts: s.parts }));
}

function round(value: number): string {
  return value.toFixed(2);
}
