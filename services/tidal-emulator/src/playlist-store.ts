import { ApiError } from './api-error.js';
import type { Seed } from './seed-schema.js';

export interface PlaylistItemState {
  itemId: string;
  trackId: string;
  addedAt: string;
}

export interface PlaylistState {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  accessType: 'PUBLIC' | 'UNLISTED';
  createdAt: string;
  lastModifiedAt: string;
  items: PlaylistItemState[];
}

export interface NewPlaylist {
  ownerId: string;
  name: string;
  description: string;
  accessType: 'PUBLIC' | 'UNLISTED';
}

/**
 * The emulator's mutable state: the playlists, seeded then changed by writes. Every write moves
 * `lastModifiedAt` forward (strictly, even within one millisecond), as a cache keyed on it relies on.
 */
export class PlaylistStore {
  private readonly playlists = new Map<string, PlaylistState>();

  constructor(
    seed: Seed,
    private readonly newId: () => string,
    private readonly now: () => number,
  ) {
    for (const playlist of seed.playlists) {
      this.playlists.set(playlist.id, {
        id: playlist.id,
        ownerId: playlist.ownerId,
        name: playlist.name,
        description: playlist.description,
        accessType: playlist.accessType,
        createdAt: playlist.createdAt,
        lastModifiedAt: playlist.lastModifiedAt,
        items: playlist.trackIds.map((trackId) => ({
          itemId: this.newId(),
          trackId,
          addedAt: playlist.createdAt,
        })),
      });
    }
  }

  get(id: string): PlaylistState | undefined {
    return this.playlists.get(id);
  }

  /** A deep copy of every playlist, seeded ones first, then created ones in creation order. */
  snapshot(): PlaylistState[] {
    return [...this.playlists.values()].map((playlist) => ({
      ...playlist,
      items: playlist.items.map((item) => ({ ...item })),
    }));
  }

  create(input: NewPlaylist, playlistId: string): PlaylistState {
    const at = new Date(this.now()).toISOString();
    const playlist: PlaylistState = {
      id: playlistId,
      ...input,
      createdAt: at,
      lastModifiedAt: at,
      items: [],
    };
    this.playlists.set(playlist.id, playlist);
    return playlist;
  }

  delete(id: string): void {
    this.playlists.delete(id);
  }

  /** Inserts tracks before the item `positionBefore` (or appends); returns the new items in order. */
  addItems(
    playlist: PlaylistState,
    trackIds: string[],
    positionBefore: string | undefined,
  ): PlaylistItemState[] {
    let index = playlist.items.length;
    if (positionBefore !== undefined) {
      index = playlist.items.findIndex((item) => item.itemId === positionBefore);
      if (index < 0) {
        throw ApiError.badRequest(`No item ${positionBefore} in playlist ${playlist.id}`, {
          pointer: '/meta/positionBefore',
        });
      }
    }
    const addedAt = this.touch(playlist);
    const added = trackIds.map((trackId) => ({ itemId: this.newId(), trackId, addedAt }));
    playlist.items.splice(index, 0, ...added);
    return added;
  }

  /** Removes items by item id; every one must exist and hold the given track. */
  removeItems(playlist: PlaylistState, items: { itemId: string; trackId: string }[]): void {
    items.forEach((item, n) => {
      const found = playlist.items.find((existing) => existing.itemId === item.itemId);
      if (!found || found.trackId !== item.trackId) {
        throw ApiError.badRequest(
          `No item ${item.itemId} holding track ${item.trackId} in playlist ${playlist.id}`,
          {
            pointer: `/data/${n}/meta/itemId`,
          },
        );
      }
    });
    const remove = new Set(items.map((item) => item.itemId));
    playlist.items = playlist.items.filter((item) => !remove.has(item.itemId));
    this.touch(playlist);
  }

  private touch(playlist: PlaylistState): string {
    const previous = Date.parse(playlist.lastModifiedAt);
    const at = new Date(Math.max(this.now(), Number.isNaN(previous) ? 0 : previous + 1)).toISOString();
    playlist.lastModifiedAt = at;
    return at;
  }
}
