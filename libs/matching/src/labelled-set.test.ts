import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatchDecisionSchema } from '@tidal-remedy/contracts';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { CATEGORIES, LabelledFileSchema } from './labelled-case.js';
import { FIXTURES_DIR, loadLabelledSet } from './labelled-set.js';

/**
 * Below these the matcher has regressed; the benchmark's targets are higher (0.995 / 0.98, no category
 * below 0.9). The holdout keeps the gate it had before round 2, so that no gate was set after seeing it.
 */
const MIN_PRECISION = 0.99;
const MIN_RECALL = 0.95;
const MIN_CATEGORY_RECALL = 0.85;
const MIN_HOLDOUT_PRECISION = 0.98;
const MIN_HOLDOUT_RECALL = 0.85;

const cases = loadLabelledSet();
/** Cases written after the thresholds were fixed, to see how the matcher does on cases it was not shaped by. */
const holdout = loadLabelledSet(join(FIXTURES_DIR, 'holdout'));

describe('the labelled-case notation', () => {
  it("reads an album object with the album's own artists, its item count and a person's compilation label", () => {
    const [parsed] = LabelledFileSchema.parse({
      cases: [
        {
          id: 'notation-1',
          category: 'compilation',
          note: 'An album object, as the fixtures write one.',
          explicit: 'allow',
          original: {
            id: 'o',
            title: 'Africa',
            artists: ['TOTO'],
            album: 'Toto IV|ALBUM|1982-04-08',
            duration: '4:55',
          },
          candidates: [
            {
              id: 'a',
              title: 'Africa',
              artists: ['TOTO'],
              album: {
                title: '80s Classics',
                type: 'ALBUM',
                date: '2014',
                artists: ['Various Artists'],
                items: 50,
                compilation: true,
              },
              duration: '4:55',
            },
          ],
          answer: 'a',
        },
      ],
    }).cases;
    expect(parsed?.candidates[0]?.album).toEqual({
      id: 'al-80s-classics-album-2014',
      title: '80s Classics',
      type: 'ALBUM',
      releaseDate: '2014-01-01',
      artists: [{ id: 'ar-various-artists', name: 'Various Artists' }],
      numberOfItems: 50,
    });
    expect(parsed?.onCompilations).toEqual(['notation-1/a']);
    expect(parsed?.explicit).toBe('allow');
  });

  it('refuses an album type TIDAL does not have', () => {
    const album = 'Greatest Hits|COMPILATION|1981';
    const result = LabelledFileSchema.safeParse({
      cases: [
        {
          id: 'notation-2',
          category: 'compilation',
          note: 'COMPILATION is not a TIDAL album type.',
          original: { id: 'o', title: 'Song', artists: ['A'], album, duration: '3:00' },
          candidates: [{ id: 'a', title: 'Song', artists: ['A'], album: null, duration: '3:00' }],
          answer: 'a',
        },
      ],
    });
    expect(result.success).toBe(false);
  });
});

describe('the labelled set', () => {
  it('has at least 300 cases, several in every category', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const category of CATEGORIES) {
      expect(cases.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives each case 5 to 15 candidates, as a catalog search would', () => {
    for (const c of [...cases, ...holdout]) {
      expect(c.candidates.length, c.id).toBeGreaterThanOrEqual(5);
      expect(c.candidates.length, c.id).toBeLessThanOrEqual(15);
    }
  });

  it('matches the counts its README gives', () => {
    const readme = readFileSync(join(FIXTURES_DIR, 'README.md'), 'utf8');
    for (const category of CATEGORIES) {
      const numbers = String.raw`\s*\|\s*(\d+)`.repeat(4);
      const row = new RegExp(String.raw`^\|\s*${category}` + numbers + String.raw`\s*\|$`, 'm').exec(readme);
      const inCategory = cases.filter((c) => c.category === category);
      expect(row, `README row for ${category}`).not.toBeNull();
      expect(row?.slice(1).map(Number), category).toEqual([
        inCategory.length,
        inCategory.filter((c) => c.answers.length > 0).length,
        inCategory.filter((c) => c.answers.length === 0).length,
        inCategory.reduce((sum, c) => sum + c.candidates.length, 0),
      ]);
    }
  });
});

describe('decide() on the labelled set', () => {
  const result = evaluate(cases);

  it(`keeps precision >= ${MIN_PRECISION}, recall >= ${MIN_RECALL} and every category's recall >= ${MIN_CATEGORY_RECALL}`, () => {
    const wrong = result.outcomes.filter((o) => o.verdict === 'wrong').map((o) => o.case.id);
    expect(result.precision, `wrong replacements: ${wrong.join(', ')}`).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(result.recall).toBeGreaterThanOrEqual(MIN_RECALL);
    for (const [category, quality] of result.byCategory) {
      expect(quality.recall, category).toBeGreaterThanOrEqual(MIN_CATEGORY_RECALL);
    }
  });

  // Figures only, never the cases: the holdout stays unseen one by one.
  it(`keeps precision >= ${MIN_HOLDOUT_PRECISION} and recall >= ${MIN_HOLDOUT_RECALL} on the holdout`, () => {
    const held = evaluate(holdout);
    expect(held.precision).toBeGreaterThanOrEqual(MIN_HOLDOUT_PRECISION);
    expect(held.recall).toBeGreaterThanOrEqual(MIN_HOLDOUT_RECALL);
  });

  it('returns exactly a MatchDecision every time', () => {
    for (const outcome of result.outcomes) {
      expect(MatchDecisionSchema.parse(outcome.decision)).toEqual(outcome.decision);
    }
  });

  it('never chooses an unavailable track or the original itself', () => {
    for (const { case: c, decision } of result.outcomes) {
      if (decision.replacement === null) continue;
      expect(decision.replacement.available, c.id).toBe(true);
      expect(decision.replacement.id, c.id).not.toBe(c.original.id);
    }
  });

  it('gives every decision its reasons', () => {
    for (const { case: c, decision } of result.outcomes)
      expect(decision.reasons.length, c.id).toBeGreaterThan(0);
  });
});
