import { cacheKey } from '@tidal-remedy/cache';
import type { PublishedPlaylist } from '@tidal-remedy/contracts';
import { z } from 'zod';
import type { PipelineDeps } from './pipeline-deps.js';

/** Nothing to undo: the remedy did not edit a playlist in place, or its edit changed nothing. */
export class NothingToUndoError extends Error {
  override readonly name = 'NothingToUndoError';
  readonly retryable = false;
}

/** The playlist changed after the edit: undoing now would throw away someone's later changes. */
export class PlaylistChangedSinceError extends Error {
  override readonly name = 'PlaylistChangedSinceError';
  readonly retryable = false;

  constructor(
    readonly playlistId: string,
    readonly editedAt: string | null,
    readonly modifiedAt: string | null,
  ) {
    super(
      `The playlist ${playlistId} was changed after tidal-remedy edited it (last modified ${modifiedAt ?? 'at an unknown time'}, ` +
        `the edit left it at ${editedAt ?? 'an unknown time'}), so putting it back could undo those later changes too. ` +
        'Nothing was changed; edit it by hand in TIDAL if you still want the old items back.',
    );
  }
}

const UndoneSchema = z.object({ undoneAt: z.string(), lastModifiedAt: z.string().nullable() });
export type UndoResult = z.infer<typeof UndoneSchema> & { alreadyUndone: boolean };

/**
 * Puts a playlist edited in place back as it was: removes the items the edit inserted and adds the removed
 * tracks again, each before the kept item it stood before (so at its position), if the playlist has not
 * been modified since the edit (its lastModifiedAt). Idempotent: an undo done is recorded in the step cache
 * with the playlist's time after it, and asked again while the playlist is still so, answers the same.
 */
export async function undoInPlace(
  deps: PipelineDeps,
  remedyId: string,
  published: PublishedPlaylist | null,
): Promise<UndoResult> {
  const undo = published?.undo;
  if (!published || !undo) {
    throw new NothingToUndoError(
      `Remedy ${remedyId} did not change a playlist in place, so there is nothing to undo ` +
        '(a new playlist can simply be deleted in TIDAL).',
    );
  }
  const { tidal } = deps;
  const { playlistId } = published;
  const key = cacheKey({
    prefix: deps.prefix,
    step: 'undo',
    version: 'v1',
    inputs: { remedyId, playlistId },
  });
  const meta = await tidal.getPlaylist(playlistId);
  const done = await deps.cache.get(key, UndoneSchema);
  if (done) {
    if (done.lastModifiedAt !== null && done.lastModifiedAt === meta.lastModifiedAt) {
      return { ...done, alreadyUndone: true };
    }
    throw new PlaylistChangedSinceError(playlistId, done.lastModifiedAt, meta.lastModifiedAt);
  }
  // Without a time on either side there is no telling whether someone changed it: refuse, cautiously.
  if (undo.lastModifiedAt === null || meta.lastModifiedAt !== undo.lastModifiedAt) {
    throw new PlaylistChangedSinceError(playlistId, undo.lastModifiedAt, meta.lastModifiedAt);
  }

  const marker = `tidal-remedy-undo:${remedyId}`;
  const current = await tidal.listPlaylistItemRefs(playlistId);
  const inserted = new Set(undo.insertedItemIds);
  const toRemove = current.flatMap((item) =>
    item.itemId !== null && inserted.has(item.itemId) ? [{ itemId: item.itemId, trackId: item.trackId }] : [],
  );
  if (toRemove.length > 0)
    await tidal.removeItems(playlistId, toRemove, { idempotencyKey: `${marker}-remove` });
  // Consecutive removed items share their anchor: one add each group, in playlist order.
  const groups: Array<{ anchorItemId: string | null; trackIds: string[] }> = [];
  for (const item of [...undo.removed].sort((a, b) => a.position - b.position)) {
    const last = groups.at(-1);
    if (last && last.anchorItemId === item.anchorItemId) last.trackIds.push(item.trackId);
    else groups.push({ anchorItemId: item.anchorItemId, trackIds: [item.trackId] });
  }
  for (const [n, group] of groups.entries()) {
    await tidal.addItems(playlistId, group.trackIds, {
      idempotencyKey: `${marker}-g${n}`,
      ...(group.anchorItemId === null ? {} : { positionBefore: group.anchorItemId }),
    });
  }
  const after = await tidal.getPlaylist(playlistId);
  const result = { undoneAt: new Date().toISOString(), lastModifiedAt: after.lastModifiedAt };
  await deps.cache.set(key, result);
  deps.logger?.info(
    { playlistId, removed: toRemove.length, restored: undo.removed.length },
    'undid the in-place edit',
  );
  return { ...result, alreadyUndone: false };
}
