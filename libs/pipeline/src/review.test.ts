import { sampleReportItems } from '@tidal-remedy/test-support/remedy-fixtures';
import { describe, expect, it } from 'vitest';
import { applyReview } from './review.js';

const items = sampleReportItems();

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
