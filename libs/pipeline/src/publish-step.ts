import { cacheKey, canonicalJson, sha256Hex } from '@tidal-remedy/cache';
import {
  type InPlaceUndo,
  type MatchDecision,
  type PlaylistItem,
  type PlaylistMeta,
  type PlaylistSnapshot,
  type PublishedPlaylist,
  PublishedPlaylistSchema,
  type PublishMode,
  type UnmatchedPolicy,
} from '@tidal-remedy/contracts';
import { z } from 'zod';
import type { PipelineDeps } from './pipeline-deps.js';
import { type InPlaceGroup, type PublishPlan, planPublish } from './publish-plan.js';

export interface PublishInput {
  snapshot: PlaylistSnapshot;
  decisions: ReadonlyMap<number, MatchDecision>;
  mode: PublishMode;
  unmatched: UnmatchedPolicy;
  refresh: boolean;
}

export interface PublishOutput {
  published: PublishedPlaylist | null;
  plan: PublishPlan;
  hit: boolean;
}

/** The playlist was changed by someone else while it was being written; writing on could scramble it. */
export class PublishConflictError extends Error {
  override readonly name = 'PublishConflictError';
  readonly retryable = false;
}

/**
 * An in-place edit needs the item ids of the items it removes or inserts before, and TIDAL sent some
 * without one (its spec makes `meta.itemId` optional). Nothing was written.
 */
export class ItemIdMissingError extends Error {
  override readonly name = 'ItemIdMissingError';
  readonly retryable = false;

  constructor(items: readonly PlaylistItem[]) {
    const named = items
      .slice(0, 5)
      .map((item) => `position ${item.position + 1} (${describeItem(item)})`)
      .join(', ');
    super(
      `TIDAL sent ${items.length === 1 ? 'the item at' : `${items.length} items, at`} ${named}${items.length > 5 ? ', …' : ''} ` +
        'without an item id, and editing the playlist in place needs it to remove or insert there. ' +
        'Nothing was changed; publish in mode new instead (a corrected copy needs no item ids).',
    );
  }
}

function describeItem(item: PlaylistItem): string {
  const { track } = item;
  if (track.title === '' && track.artists.length === 0) return `track ${track.id}`;
  return `${track.artists.map((artist) => artist.name).join(', ')} – ${track.title}`;
}

/** The playlist on TIDAL's web player; null when the remedy ran against something else (the emulator). */
export function playlistUrl(webBase: string | null, playlistId: string): string | null {
  return webBase === null ? null : `${webBase}/playlist/${playlistId}`;
}

/**
 * Writes the corrected playlist; nothing in a dry run, nor when no item would change (nothing
 * unavailable, or nothing to replace or drop). It is idempotent: its output is cached under the remedy's
 * content, and a playlist it created carries a marker in its description, so a retry after a crash, or
 * the same remedy run again, finds what was written and finishes it instead of writing twice (in mode
 * new, an intent recorded before creating says whether there can be anything to find).
 */
export async function publishStep(deps: PipelineDeps, input: PublishInput): Promise<PublishOutput> {
  const plan = planPublish(input.snapshot, input.decisions, input.unmatched);
  if (input.mode === 'dry-run') return { published: null, plan, hit: false };
  // Nothing unavailable, or nothing with a replacement or to drop: a copy or an edit would change nothing.
  if (plan.changes.replaced === 0 && plan.changes.dropped === 0) return { published: null, plan, hit: false };

  const content = {
    playlistId: input.snapshot.playlist.id,
    lastModifiedAt: input.snapshot.playlist.lastModifiedAt,
    mode: input.mode,
    target: plan.targetTrackIds,
  };
  const key = cacheKey({
    prefix: deps.prefix,
    step: 'publish',
    version: deps.versions.publish,
    inputs: content,
  });
  const marker = `tidal-remedy:${sha256Hex(canonicalJson(content)).slice(0, 16)}`;
  let keyBase = marker;
  if (!input.refresh) {
    const stored = await deps.cache.get(key, PublishedPlaylistSchema);
    // A copy written earlier is reused only while TIDAL still holds it as tidal-remedy wrote it: someone
    // may have deleted it since (design 6). Then a new copy is published, with the same marker (the old
    // copy is gone) under idempotency keys of its own (TIDAL may still replay the old create's answer).
    if (stored && (input.mode !== 'new' || (await copyStillThere(deps, stored.playlistId, marker)))) {
      return { published: { ...stored, reused: true }, plan, hit: true };
    }
    if (stored) {
      deps.logger?.warn(
        { playlistId: stored.playlistId },
        'the remedied copy published earlier is gone (or no longer ours); publishing a new one',
      );
      keyBase = `${marker}-after-${sha256Hex(stored.playlistId).slice(0, 8)}`;
    }
  }
  const published =
    input.mode === 'new'
      ? await publishNew(deps, input.snapshot, plan, marker, content, keyBase)
      : await publishInPlace(deps, input.snapshot, plan, marker);
  await deps.cache.set(key, published);
  return { published, plan, hit: false };
}

/**
 * Whether the copy published earlier is still there and still the one tidal-remedy wrote: TIDAL answers it
 * (not 404), and its description carries the marker tidal-remedy gave it (an owner's rename keeps it; a
 * playlist that is not the user's copy does not have it).
 */
async function copyStillThere(deps: PipelineDeps, playlistId: string, marker: string): Promise<boolean> {
  // Among the user's own playlists: the same remedy run under another account's credentials must not take
  // the first account's copy for its own.
  const copy = await deps.tidal.findOwnPlaylist(playlistId);
  return copy?.description?.includes(marker) ?? false;
}

/** Recorded before a new playlist is created: a publish that finds none knows nothing was written yet. */
const PublishIntentSchema = z.object({ marker: z.string(), at: z.string() });

async function publishNew(
  deps: PipelineDeps,
  snapshot: PlaylistSnapshot,
  plan: PublishPlan,
  marker: string,
  content: object,
  /** What the idempotency keys of its writes start with: the marker, unless an earlier copy was deleted. */
  keyBase: string,
): Promise<PublishedPlaylist> {
  const { tidal } = deps;
  // Looking for the marker means listing the user's playlists, page by page (every page when it is not
  // there): worth it only when an earlier attempt got as far as creating. The intent, in the step cache,
  // says whether one did.
  const intentKey = cacheKey({
    prefix: deps.prefix,
    step: 'publish-intent',
    version: deps.versions.publish,
    inputs: content,
  });
  let existing: PlaylistMeta | undefined;
  if (await deps.cache.get(intentKey, PublishIntentSchema)) {
    const mine = await tidal.listOwnPlaylists({
      until: (playlist) => playlist.description?.includes(marker) ?? false,
    });
    existing = mine.find((playlist) => playlist.description?.includes(marker));
  } else {
    await deps.cache.set(intentKey, { marker, at: new Date().toISOString() });
  }
  const playlist =
    existing ??
    (await tidal.createPlaylist(
      {
        name: `${snapshot.playlist.name} (remedied)`.slice(0, 200),
        description:
          `Copy of "${snapshot.playlist.name}" with ${plan.changes.replaced} unavailable tracks replaced ` +
          `by tidal-remedy. [${marker}]`,
      },
      { idempotencyKey: `${keyBase}-create` },
    ));

  // A playlist found by its marker may hold part of the target (a crash mid-way); a new one holds nothing.
  const current = existing ? (await tidal.listPlaylistItemRefs(playlist.id)).map((item) => item.trackId) : [];
  const isPrefix = current.every((trackId, index) => plan.targetTrackIds[index] === trackId);
  if (!isPrefix) {
    throw new PublishConflictError(
      `The playlist ${playlist.id} that tidal-remedy was writing was changed by someone else. ` +
        'Delete it, or run the remedy again with refresh, to publish a fresh copy.',
    );
  }
  const rest = plan.targetTrackIds.slice(current.length);
  if (rest.length > 0)
    await tidal.addItems(playlist.id, rest, { idempotencyKey: `${keyBase}-add-${current.length}` });
  deps.logger?.info(
    { playlistId: playlist.id, added: rest.length, resumed: existing !== undefined },
    existing ? 'finished the remedied playlist written earlier' : 'published a new playlist',
  );
  return {
    playlistId: playlist.id,
    url: playlistUrl(tidal.webBase, playlist.id),
    reused: existing !== undefined && rest.length === 0,
  };
}

/**
 * Removes every replaced or dropped item first (in batches), then inserts each group's replacements just
 * before its anchor. The playlist alone then tells a retry where a crash left it: items still present are
 * removed, and a group whose replacements are not yet before its anchor is inserted; nothing is done twice.
 */
async function publishInPlace(
  deps: PipelineDeps,
  snapshot: PlaylistSnapshot,
  plan: PublishPlan,
  marker: string,
): Promise<PublishedPlaylist> {
  const { tidal } = deps;
  const playlistId = snapshot.playlist.id;
  if (plan.unaddressable.length > 0) throw new ItemIdMissingError(plan.unaddressable);
  let current = (await tidal.listPlaylistItemRefs(playlistId)).map(({ itemId, trackId }) => ({
    itemId,
    trackId,
  }));
  const toRemove = new Set(plan.groups.flatMap((group) => group.removeItemIds));
  const present = current.filter(
    (item): item is { itemId: string; trackId: string } => item.itemId !== null && toRemove.has(item.itemId),
  );
  if (present.length > 0) {
    await tidal.removeItems(playlistId, present, { idempotencyKey: `${marker}-remove` });
    current = current.filter((item) => item.itemId === null || !toRemove.has(item.itemId));
  }
  let inserted = 0;
  for (const [index, group] of plan.groups.entries()) {
    if (group.addTrackIds.length === 0 || insertedBeforeAnchor(current, group)) continue;
    const { added } = await tidal.addItems(playlistId, group.addTrackIds, {
      idempotencyKey: `${marker}-g${index}`,
      ...(group.anchorItemId === null ? {} : { positionBefore: group.anchorItemId }),
    });
    const at = anchorIndex(current, group);
    current = [...current.slice(0, at), ...added, ...current.slice(at)];
    inserted += 1;
  }
  const changed = present.length > 0 || inserted > 0;
  deps.logger?.info(
    { playlistId, removed: present.length, groupsInserted: inserted },
    'edited the playlist in place',
  );
  const published: PublishedPlaylist = {
    playlistId,
    url: playlistUrl(tidal.webBase, playlistId),
    reused: !changed,
  };
  // What to undo, against the playlist as read (the plan's basis, also when this run resumed a crashed one).
  const undo = undoPlanOf(snapshot, current);
  if (undo.removed.length > 0 || undo.insertedItemIds.length > 0) {
    const after = await tidal.getPlaylist(playlistId, { countryCode: snapshot.countryCode });
    published.undo = { ...undo, lastModifiedAt: after.lastModifiedAt };
  }
  return published;
}

/** The items the edit removed (with the kept item each stood before) and the item ids it inserted. */
function undoPlanOf(
  snapshot: PlaylistSnapshot,
  after: ReadonlyArray<{ itemId: string | null }>,
): Omit<InPlaceUndo, 'lastModifiedAt'> {
  const afterIds = new Set(after.flatMap((item) => (item.itemId === null ? [] : [item.itemId])));
  const beforeIds = new Set(snapshot.items.flatMap((item) => (item.itemId === null ? [] : [item.itemId])));
  const removed: InPlaceUndo['removed'] = [];
  let pending: Array<{ position: number; trackId: string }> = [];
  for (const item of snapshot.items) {
    if (item.itemId !== null && !afterIds.has(item.itemId)) {
      pending.push({ position: item.position, trackId: item.track.id });
    } else if (item.itemId !== null) {
      removed.push(...pending.map((entry) => ({ ...entry, anchorItemId: item.itemId })));
      pending = [];
    }
  }
  removed.push(...pending.map((entry) => ({ ...entry, anchorItemId: null })));
  const insertedItemIds = [...afterIds].filter((itemId) => !beforeIds.has(itemId));
  return { removed, insertedItemIds };
}

function anchorIndex(current: ReadonlyArray<{ itemId: string | null }>, group: InPlaceGroup): number {
  if (group.anchorItemId === null) return current.length;
  const at = current.findIndex((item) => item.itemId === group.anchorItemId);
  if (at < 0) {
    throw new PublishConflictError(
      `Item ${group.anchorItemId} of the playlist was removed by someone else while tidal-remedy edited it; ` +
        'run the remedy again to edit the playlist as it is now.',
    );
  }
  return at;
}

function insertedBeforeAnchor(
  current: ReadonlyArray<{ itemId: string | null; trackId: string }>,
  group: InPlaceGroup,
): boolean {
  const end = anchorIndex(current, group);
  const before = current.slice(Math.max(0, end - group.addTrackIds.length), end).map((item) => item.trackId);
  return (
    before.length === group.addTrackIds.length &&
    before.every((trackId, i) => trackId === group.addTrackIds[i])
  );
}
