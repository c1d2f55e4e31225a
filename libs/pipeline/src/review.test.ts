import { describe, expect, it } from 'vitest';
import { sampleReport, sampleReportItems } from '../../../test/support/remedy-fixtures.js';
import { applyReview, approvalRequestSchemaFor, candidatesOf } from './review.js';

const proposed = sampleReport({ mode: 'review', published: null });
const items = sampleReportItems();
const schema = approvalRequestSchemaFor(proposed);

function issuesOf(body: unknown): Array<{ path: string; message: string }> {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('approvalRequestSchemaFor', () => {
  it('takes an empty body: publish as proposed, as a new playlist', () => {
    expect(schema.parse({})).toEqual({ mode: 'new', overrides: [] });
  });

  it('takes accept, reject and a pick of a runner-up or of the proposed replacement', () => {
    const body = {
      mode: 'in-place',
      overrides: [
        { position: 1, action: 'accept' },
        { position: 4, action: 'pick', trackId: '3006' },
        { position: 7, action: 'pick', trackId: '3008' },
      ],
    };
    expect(schema.parse(body)).toEqual(body);
    expect(schema.safeParse({ overrides: [{ position: 4, action: 'pick', trackId: '2005' }] }).success).toBe(
      true,
    );
    expect(schema.safeParse({ overrides: [{ position: 4, action: 'reject' }] }).success).toBe(true);
  });

  it.each([
    [
      { overrides: [{ position: 2, action: 'reject' }] },
      'overrides.0.position',
      /position 2 is not an unavailable item/,
    ],
    [
      { overrides: [{ position: 4, action: 'pick', trackId: '9999' }] },
      'overrides.0.trackId',
      /pick one of 2005, 3005, 3006/,
    ],
    [
      { overrides: [{ position: 1, action: 'pick', trackId: '3005' }] },
      'overrides.0.trackId',
      /not a candidate for position 1/,
    ],
    [{ overrides: [{ position: 4, action: 'pick' }] }, 'overrides.0.trackId', /give trackId/],
    [
      { overrides: [{ position: 4, action: 'reject', trackId: '3005' }] },
      'overrides.0.trackId',
      /with action pick only/,
    ],
    [
      {
        overrides: [
          { position: 4, action: 'reject' },
          { position: 4, action: 'accept' },
        ],
      },
      'overrides.1.position',
      /overridden twice/,
    ],
    [{ overrides: [{ position: 4, action: 'swap' }] }, 'overrides.0.action', /./],
    [{ overrides: [{ position: -1, action: 'reject' }] }, 'overrides.0.position', /./],
    [{ mode: 'dry-run' }, 'mode', /./],
    [{ mode: 'new', extra: true }, '', /extra/],
  ])('refuses %j at %s', (body, path, message) => {
    const issues = issuesOf(body);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('applyReview', () => {
  it('keeps every proposed decision without overrides', () => {
    const { decisions, reviews, changed } = applyReview(items, []);
    expect([...decisions.keys()]).toEqual([1, 4, 7]);
    expect(decisions.get(4)?.replacement?.id).toBe('2005');
    expect(reviews.size).toBe(0);
    expect(changed).toBe(0);
  });

  it('a rejection leaves no replacement and keeps the proposal among the runners-up', () => {
    const { decisions, reviews, changed } = applyReview(items, [{ position: 4, action: 'reject' }]);
    const decision = decisions.get(4)!;
    expect(decision).toMatchObject({ decision: 'none', replacement: null, score: null, parts: null });
    expect(decision.reasons[0]).toBe('Rejected in review: "Slack Tide" by The Tidemarks is not used.');
    expect(decision.reasons[1]).toBe('Proposed: Title and primary artist agree.');
    expect(decision.runnersUp.map((candidate) => candidate.track.id)).toEqual(['2005', '3005', '3006']);
    expect(reviews.get(4)).toEqual({
      action: 'reject',
      changed: true,
      proposed: { decision: 'match', replacementId: '2005' },
    });
    expect(changed).toBe(1);
  });

  it('a pick makes the runner-up the replacement, with its own score and parts', () => {
    const { decisions, reviews } = applyReview(items, [{ position: 4, action: 'pick', trackId: '3006' }]);
    const decision = decisions.get(4)!;
    expect(decision).toMatchObject({ decision: 'match', score: 0.31 });
    expect(decision.replacement?.id).toBe('3006');
    expect(decision.parts?.artists).toBe(0);
    expect(decision.reasons[0]).toBe(
      'Picked in review: "Slack Tide" by Covers Inc., instead of "Slack Tide" by The Tidemarks.',
    );
    expect(decision.runnersUp.map((candidate) => candidate.track.id)).toEqual(['2005', '3005']);
    expect(reviews.get(4)?.changed).toBe(true);
  });

  it('a pick for an item without a match gives it one; the same recording counts as such', () => {
    const sameRecording = items.map((item) =>
      item.position === 7
        ? {
            ...item,
            runnersUp: [
              { ...item.runnersUp[0]!, track: { ...item.runnersUp[0]!.track, isrc: item.original.isrc } },
            ],
          }
        : item,
    );
    expect(
      applyReview(items, [{ position: 7, action: 'pick', trackId: '3008' }]).decisions.get(7)?.decision,
    ).toBe('match');
    const reviewed = applyReview(sameRecording, [{ position: 7, action: 'pick', trackId: '3008' }]);
    expect(reviewed.decisions.get(7)).toMatchObject({ decision: 'isrc', replacement: { id: '3008' } });
    expect(reviewed.decisions.get(7)?.reasons[0]).toContain('instead of no replacement');
  });

  it('counts no change for accept, a pick of the proposal, or rejecting no match', () => {
    const { reviews, changed } = applyReview(items, [
      { position: 1, action: 'accept' },
      { position: 4, action: 'pick', trackId: '2005' },
      { position: 7, action: 'reject' },
    ]);
    expect(changed).toBe(0);
    expect([...reviews.values()].map((review) => review.changed)).toEqual([false, false, false]);
  });
});

describe('candidatesOf', () => {
  it('lists the proposed replacement, then the runners-up', () => {
    expect(items.map((item) => candidatesOf(item).map((track) => track.id))).toEqual([
      ['2002'],
      ['2005', '3005', '3006'],
      ['3008'],
    ]);
  });
});
