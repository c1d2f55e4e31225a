import type { MatchDecision, PlaylistItem, PlaylistSnapshot, UnmatchedPolicy } from '@tidal-remedy/contracts';

/** What becomes of one item of the original playlist. */
export type ItemFate =
  | { kind: 'keep'; item: PlaylistItem }
  | { kind: 'replace'; item: PlaylistItem; replacementId: string }
  | { kind: 'drop'; item: PlaylistItem };

/**
 * One in-place edit: the consecutive items `removeItemIds` are taken out and `addTrackIds` put in their
 * place, just before `anchorItemId` (an item this plan never touches), or at the end when it is null.
 * Applied remove-first, so a retry can tell from the playlist alone whether a group was done (see
 * publishStep).
 */
export interface InPlaceGroup {
  removeItemIds: string[];
  addTrackIds: string[];
  anchorItemId: string | null;
}

export interface PublishPlan {
  fates: ItemFate[];
  /**
   * Items an in-place edit would have to name by item id (to remove them, or to insert before them) but that
   * TIDAL sent without one (its `meta.itemId` is optional): in-place publishing refuses such a plan.
   */
  unaddressable: PlaylistItem[];
  /** The corrected playlist's track ids, in order: what `new` creates and what `in-place` leaves. */
  targetTrackIds: string[];
  groups: InPlaceGroup[];
  changes: { replaced: number; dropped: number; keptUnavailable: number };
}

/**
 * Decides what the corrected playlist holds: available items stay; an unavailable item is replaced by its
 * decision's replacement, or kept (it stays grey, a person can see it) or dropped per `unmatched`.
 */
export function planPublish(
  snapshot: PlaylistSnapshot,
  decisions: ReadonlyMap<number, MatchDecision>,
  unmatched: UnmatchedPolicy,
): PublishPlan {
  const fates: ItemFate[] = snapshot.items.map((item) => {
    if (item.track.available) return { kind: 'keep', item };
    const replacement = decisions.get(item.position)?.replacement;
    if (replacement) return { kind: 'replace', item, replacementId: replacement.id };
    return unmatched === 'drop' ? { kind: 'drop', item } : { kind: 'keep', item };
  });

  const targetTrackIds = fates.flatMap((fate) => {
    if (fate.kind === 'keep') return [fate.item.track.id];
    if (fate.kind === 'replace') return [fate.replacementId];
    return [];
  });

  const groups: InPlaceGroup[] = [];
  const unaddressable: PlaylistItem[] = [];
  let open: InPlaceGroup | null = null;
  for (const fate of fates) {
    if (fate.kind === 'keep') {
      if (open) {
        if (fate.item.itemId === null) unaddressable.push(fate.item);
        open.anchorItemId = fate.item.itemId;
        groups.push(open);
        open = null;
      }
      continue;
    }
    open ??= { removeItemIds: [], addTrackIds: [], anchorItemId: null };
    if (fate.item.itemId === null) unaddressable.push(fate.item);
    else open.removeItemIds.push(fate.item.itemId);
    if (fate.kind === 'replace') open.addTrackIds.push(fate.replacementId);
  }
  if (open) groups.push(open);

  const count = (kind: ItemFate['kind']) => fates.filter((fate) => fate.kind === kind).length;
  return {
    fates,
    unaddressable,
    targetTrackIds,
    groups,
    changes: {
      replaced: count('replace'),
      dropped: count('drop'),
      keptUnavailable: fates.filter((fate) => fate.kind === 'keep' && !fate.item.track.available).length,
    },
  };
}
