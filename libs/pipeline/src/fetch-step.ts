import { cached, cacheKey } from '@tidal-remedy/cache';
import { type PlaylistSnapshot, PlaylistSnapshotSchema } from '@tidal-remedy/contracts';
import type { PipelineDeps } from './pipeline-deps.js';
import { rememberTracks } from './track-memory.js';

export interface FetchInput {
  playlistId: string;
  countryCode: string;
  refresh: boolean;
  /** Called with the playlist's name as soon as its metadata arrives, before the items are read. */
  onPlaylistName?: (name: string) => Promise<void>;
}

export interface FetchOutput {
  snapshot: PlaylistSnapshot;
  /** The snapshot's cache key: jobs carry this, not the snapshot. */
  snapshotRef: string;
  hit: boolean;
}

/**
 * Reads the playlist (metadata, every item on every page, each track's availability in the country), and
 * remembers each described track's details for the day TIDAL hides them (track-memory.ts).
 * The cache key holds the playlist's last-modified time, read first with one call that also brings the
 * first page of items (so the metadata costs no call of its own), so an edited playlist is read again;
 * without that time (TIDAL may omit it) the cache is not trusted.
 */
export async function fetchStep(deps: PipelineDeps, input: FetchInput): Promise<FetchOutput> {
  const { playlistId, countryCode } = input;
  const { meta, firstPage } = await deps.tidal.getPlaylistWithItems(playlistId, { countryCode });
  await input.onPlaylistName?.(meta.name);
  const key = cacheKey({
    prefix: deps.prefix,
    step: 'fetch',
    version: deps.versions.fetch,
    inputs: {
      playlistId,
      countryCode,
      lastModifiedAt: meta.lastModifiedAt,
      numberOfItems: meta.numberOfItems,
    },
  });
  const refresh = input.refresh || meta.lastModifiedAt === null;
  const { value, hit } = await cached(
    deps.cache,
    { key, schema: PlaylistSnapshotSchema, refresh },
    async () => {
      const items = await deps.tidal.listPlaylistItems(playlistId, { countryCode, after: firstPage });
      const fetchedAt = new Date().toISOString();
      await rememberTracks(
        deps,
        items.map((item) => item.track),
        fetchedAt,
      );
      return { playlist: meta, countryCode, items, fetchedAt, webBase: deps.tidal.webBase };
    },
  );
  return { snapshot: value, snapshotRef: key, hit };
}
