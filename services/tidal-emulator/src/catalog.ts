import { SearchIndex } from './search-index.js';
import type { Seed, SeedAlbum, SeedArtist, SeedClient, SeedTrack, SeedUser } from './seed-schema.js';

/** The seed refers to something it does not define (an artist, album, user or track id). */
export class SeedReferenceError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The emulator seed is inconsistent (${problems.length} problem${problems.length === 1 ? '' : 's'}): ` +
        `${problems.slice(0, 10).join('; ')}${problems.length > 10 ? '; …' : ''}. Fix the seed file or regenerate it.`,
    );
    this.name = 'SeedReferenceError';
  }
}

export interface AlbumStats {
  durationSeconds: number;
  explicit: boolean;
  numberOfItems: number;
  numberOfVolumes: number;
  popularity: number;
}

/** The read-only part of the emulator: the seeded catalog, indexed for the lookups the API needs. */
export class Catalog {
  private readonly tracks = new Map<string, SeedTrack>();
  private readonly artists = new Map<string, SeedArtist>();
  private readonly albums = new Map<string, SeedAlbum>();
  private readonly users = new Map<string, SeedUser>();
  private readonly clients = new Map<string, SeedClient>();
  private readonly isrcs = new Map<string, SeedTrack[]>();
  private readonly albumStatistics = new Map<string, AlbumStats>();
  private readonly searchIndex: SearchIndex;

  constructor(readonly seed: Seed) {
    for (const artist of seed.artists) this.artists.set(artist.id, artist);
    for (const album of seed.albums) this.albums.set(album.id, album);
    for (const user of seed.users) this.users.set(user.id, user);
    for (const client of seed.clients) this.clients.set(client.clientId, client);
    for (const track of seed.tracks) {
      this.tracks.set(track.id, track);
      const sameIsrc = this.isrcs.get(track.isrc);
      if (sameIsrc) sameIsrc.push(track);
      else this.isrcs.set(track.isrc, [track]);
    }
    for (const list of this.isrcs.values()) list.sort(byNumericId);
    for (const track of seed.tracks) {
      const stats = this.albumStatistics.get(track.albumId) ?? {
        durationSeconds: 0,
        explicit: false,
        numberOfItems: 0,
        numberOfVolumes: 1,
        popularity: 0,
      };
      stats.durationSeconds += track.durationSeconds;
      stats.explicit ||= track.explicit;
      stats.numberOfItems += 1;
      stats.numberOfVolumes = Math.max(stats.numberOfVolumes, track.volumeNumber);
      stats.popularity = Math.max(stats.popularity, track.popularity);
      this.albumStatistics.set(track.albumId, stats);
    }
    this.checkReferences();
    this.searchIndex = new SearchIndex(
      seed.tracks.map((track) => ({
        id: track.id,
        title: track.title,
        version: track.version,
        artistNames: track.artistIds.map((id) => this.artists.get(id)?.name ?? ''),
        popularity: track.popularity,
      })),
    );
  }

  track(id: string): SeedTrack | undefined {
    return this.tracks.get(id);
  }

  artist(id: string): SeedArtist | undefined {
    return this.artists.get(id);
  }

  album(id: string): SeedAlbum | undefined {
    return this.albums.get(id);
  }

  /** Figures TIDAL reports on an album, derived from its tracks. */
  albumStats(id: string): AlbumStats {
    return (
      this.albumStatistics.get(id) ?? {
        durationSeconds: 0,
        explicit: false,
        numberOfItems: 0,
        numberOfVolumes: 1,
        popularity: 0,
      }
    );
  }

  user(id: string): SeedUser | undefined {
    return this.users.get(id);
  }

  /** The seeded user with this username (the emulator's login form asks for it). */
  userNamed(username: string): SeedUser | undefined {
    return this.seed.users.find((user) => user.username === username);
  }

  client(id: string): SeedClient | undefined {
    return this.clients.get(id);
  }

  /** Every track with this ISRC, in id order (returned or not in any country). */
  tracksWithIsrc(isrc: string): readonly SeedTrack[] {
    return this.isrcs.get(isrc) ?? [];
  }

  /**
   * Whether TIDAL returns the track at all when asked for `countryCode`; `null` (no countryCode given) reads
   * the whole catalog without a country restriction. A track whose details TIDAL hides is returned nowhere.
   */
  isReturnedIn(track: SeedTrack, countryCode: string | null): boolean {
    if (track.detailsHidden) return false;
    if (countryCode === null) return true;
    const { only, except } = track.countries;
    if (only && !only.includes(countryCode)) return false;
    return !except?.includes(countryCode);
  }

  /** Ids of the tracks matching `query`, best first, limited to those returned in `countryCode`. */
  search(query: string, countryCode: string | null, excludeExplicit: boolean): string[] {
    return this.searchIndex.search(query, (id) => {
      const track = this.tracks.get(id);
      return (
        track !== undefined && this.isReturnedIn(track, countryCode) && !(excludeExplicit && track.explicit)
      );
    });
  }

  private checkReferences(): void {
    const problems: string[] = [];
    const seenTracks = new Set<string>();
    for (const track of this.seed.tracks) {
      if (seenTracks.has(track.id)) problems.push(`track ${track.id} is defined twice`);
      seenTracks.add(track.id);
      if (!this.albums.has(track.albumId)) problems.push(`track ${track.id}: unknown album ${track.albumId}`);
      for (const artistId of track.artistIds) {
        if (!this.artists.has(artistId)) problems.push(`track ${track.id}: unknown artist ${artistId}`);
      }
    }
    for (const album of this.seed.albums) {
      for (const artistId of album.artistIds) {
        if (!this.artists.has(artistId)) problems.push(`album ${album.id}: unknown artist ${artistId}`);
      }
    }
    for (const client of this.seed.clients) {
      if (client.userId !== undefined && !this.users.has(client.userId)) {
        problems.push(`client ${client.clientId}: unknown user ${client.userId}`);
      }
    }
    const seenPlaylists = new Set<string>();
    for (const playlist of this.seed.playlists) {
      if (seenPlaylists.has(playlist.id)) problems.push(`playlist ${playlist.id} is defined twice`);
      seenPlaylists.add(playlist.id);
      if (!this.users.has(playlist.ownerId)) {
        problems.push(`playlist ${playlist.id}: unknown owner ${playlist.ownerId}`);
      }
      for (const trackId of playlist.trackIds) {
        if (!this.tracks.has(trackId)) problems.push(`playlist ${playlist.id}: unknown track ${trackId}`);
      }
    }
    if (problems.length > 0) throw new SeedReferenceError(problems);
  }
}

function byNumericId(a: SeedTrack, b: SeedTrack): number {
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
