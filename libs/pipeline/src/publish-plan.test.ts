import type { MatchDecision } from '@tidal-remedy/contracts';
import { noMatch, replacedBy, snapshotOf, track, unavailable } from '@tidal-remedy/test-support/tracks';
import { describe, expect, it } from 'vitest';
import { type InPlaceGroup, planPublish } from './publish-plan.js';

/** Applies in-place groups the way publishStep does (remove, then insert before the anchor). */
function applyInPlace(items: Array<{ itemId: string | null; trackId: string }>, groups: InPlaceGroup[]) {
  let list = [...items];
  let next = 0;
  for (const group of groups) {
    list = list.filter((item) => item.itemId === null || !group.removeItemIds.includes(item.itemId));
    const added = group.addTrackIds.map((trackId) => ({ itemId: `new-${next++}`, trackId }));
    const at =
      group.anchorItemId === null
        ? list.length
        : list.findIndex((item) => item.itemId === group.anchorItemId);
    list.splice(at, 0, ...added);
  }
  return list.map((item) => item.trackId);
}

const tracks = [
  track('1'),
  unavailable('2'),
  unavailable('3'),
  track('4'),
  unavailable('5'),
  unavailable('6'),
  unavailable('7'),
];
const snapshot = snapshotOf(tracks);
const decisions = new Map<number, MatchDecision>([
  [1, replacedBy(track('20'))],
  [2, replacedBy(track('30'), 'isrc')],
  [4, noMatch],
  [5, replacedBy(track('60'))],
  [6, noMatch],
]);

describe('planPublish', () => {
  it('replaces, keeps unmatched items by default, and keeps the order', () => {
    const plan = planPublish(snapshot, decisions, 'keep');
    expect(plan.targetTrackIds).toEqual(['1', '20', '30', '4', '5', '60', '7']);
    expect(plan.changes).toEqual({ replaced: 3, dropped: 0, keptUnavailable: 2 });
  });

  it('drops unmatched items when asked', () => {
    const plan = planPublish(snapshot, decisions, 'drop');
    expect(plan.targetTrackIds).toEqual(['1', '20', '30', '4', '60']);
    expect(plan.changes).toEqual({ replaced: 3, dropped: 2, keptUnavailable: 0 });
  });

  it.each(['keep', 'drop'] as const)(
    'in-place groups (%s) leave the playlist equal to the target',
    (unmatched) => {
      const plan = planPublish(snapshot, decisions, unmatched);
      const items = snapshot.items.map((item) => ({ itemId: item.itemId, trackId: item.track.id }));
      expect(applyInPlace(items, plan.groups)).toEqual(plan.targetTrackIds);
    },
  );

  it('groups consecutive changes and anchors each group on an untouched item', () => {
    const plan = planPublish(snapshot, decisions, 'drop');
    expect(plan.groups).toEqual([
      { removeItemIds: ['item-1', 'item-2'], addTrackIds: ['20', '30'], anchorItemId: 'item-3' },
      { removeItemIds: ['item-4', 'item-5', 'item-6'], addTrackIds: ['60'], anchorItemId: null },
    ]);
  });

  it('changes nothing when everything is available', () => {
    const plan = planPublish(snapshotOf([track('1'), track('2')]), new Map(), 'drop');
    expect(plan.groups).toEqual([]);
    expect(plan.targetTrackIds).toEqual(['1', '2']);
  });

  it('names the items an in-place edit would need but TIDAL sent without an item id', () => {
    const withoutIds = {
      ...snapshot,
      items: snapshot.items.map((item) =>
        item.position === 2 || item.position === 3 ? { ...item, itemId: null } : item,
      ),
    };
    const plan = planPublish(withoutIds, decisions, 'drop');
    // Position 2 is replaced (removed), position 3 anchors the group before it.
    expect(plan.unaddressable.map((item) => item.position)).toEqual([2, 3]);
    expect(planPublish(snapshot, decisions, 'drop').unaddressable).toEqual([]);
  });

  it('treats an unavailable item without a decision as unmatched', () => {
    const plan = planPublish(snapshotOf([unavailable('1')]), new Map(), 'keep');
    expect(plan.fates[0]?.kind).toBe('keep');
  });
});
