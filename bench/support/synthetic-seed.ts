import {
  BENCH_ACCOUNT,
  createPrng,
  type Prng,
  randomUuid,
  type SeedInput,
} from '@tidal-remedy/tidal-emulator';

/**
 * Synthetic playlists for the benchmarks, in the emulator's seed format, generated deterministically (one
 * PRNG, a fixed seed). Every playlist has its own artists, albums and tracks (invented words, unique across
 * the seed), so remedies of different playlists never share a cached decision and a search finds only what
 * was put there on purpose.
 *
 * The unavailable items are spread evenly (position i is unavailable when ⌊(i+1)·share⌋ > ⌊i·share⌋, so
 * every stretch of the playlist has the same share), alternately not returned in the country and returned
 * but not streamable, and cycle through this mix, per ten:
 * - 4 ISRC-fixable: the same recording (same ISRC) is available on another release; for one of the four,
 *   the most popular release is a compilation (as TIDAL serves one: an ALBUM by "Various Artists", titled
 *   "… Hits", released long after), so the matcher also lists every release (design 7.1);
 * - 4 fuzzy: no other release shares the ISRC, but the same song by the same artist is available under
 *   another ISRC, found by search;
 * - 2 no-match: nothing like it is available; the search only finds the artist's other songs.
 */

export type UnavailableKind = 'isrc' | 'isrc-compilation' | 'fuzzy' | 'none';

const MIX: readonly UnavailableKind[] = [
  'isrc',
  'fuzzy',
  'none',
  'isrc',
  'fuzzy',
  'isrc-compilation',
  'fuzzy',
  'isrc',
  'fuzzy',
  'none',
];

export interface PlaylistSpec {
  items: number;
  /** 0 to 1. */
  unavailableShare: number;
}

/** What a synthetic playlist holds: what the lower bound of its remedy is computed from. */
export interface SyntheticPlaylist extends PlaylistSpec {
  id: string;
  name: string;
  unavailable: number;
  kinds: Record<UnavailableKind, number>;
  notInCountry: number;
  noStreaming: number;
}

export interface SyntheticSeed {
  seed: SeedInput;
  playlists: SyntheticPlaylist[];
}

export const BENCH_COUNTRY = BENCH_ACCOUNT.countryCode;

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

/** Invented words, never twice in one seed: names that only match what they were given to. */
class WordSource {
  private readonly used = new Set<string>();

  constructor(private readonly prng: Prng) {}

  word(): string {
    for (;;) {
      const syllables = 2 + Math.floor(this.prng() * 2);
      let word = '';
      for (let s = 0; s < syllables; s++) {
        word += CONSONANTS[Math.floor(this.prng() * CONSONANTS.length)];
        word += VOWELS[Math.floor(this.prng() * VOWELS.length)];
      }
      if (this.used.has(word)) continue;
      this.used.add(word);
      return word[0]!.toUpperCase() + word.slice(1);
    }
  }

  name(): string {
    return `${this.word()} ${this.word()}`;
  }
}

/** Builds one seed holding every playlist of `specs`, owned by the bench account. */
export function syntheticSeed(specs: readonly PlaylistSpec[], prngSeed = 20_261_122): SyntheticSeed {
  const prng = createPrng(prngSeed);
  const words = new WordSource(prng);
  const seed = {
    version: 1 as const,
    artists: [] as NonNullable<SeedInput['artists']>,
    albums: [] as NonNullable<SeedInput['albums']>,
    tracks: [] as NonNullable<SeedInput['tracks']>,
    users: [{ id: BENCH_ACCOUNT.userId, username: BENCH_ACCOUNT.username, countryCode: BENCH_COUNTRY }],
    clients: [
      {
        clientId: BENCH_ACCOUNT.clientId,
        clientSecret: BENCH_ACCOUNT.clientSecret,
        userId: BENCH_ACCOUNT.userId,
        refreshTokens: [BENCH_ACCOUNT.refreshToken],
      },
    ],
    playlists: [] as NonNullable<SeedInput['playlists']>,
  };
  let nextId = 1_000_000;
  let nextIsrc = 0;
  const id = () => String(nextId++);
  const isrc = () => `QZBCH${String(nextIsrc++).padStart(7, '0')}`;
  const seconds = () => 150 + Math.floor(prng() * 180);

  const album = (title: string, artistId: string, year: number) => {
    const albumId = id();
    seed.albums.push({
      id: albumId,
      title,
      type: 'ALBUM',
      releaseDate: `${year}-05-01`,
      artistIds: [artistId],
    });
    return albumId;
  };
  const variousArtists = id();
  seed.artists.push({ id: variousArtists, name: 'Various Artists', popularity: 0.5 });

  const playlists = specs.map((spec, index): SyntheticPlaylist => {
    const kinds: Record<UnavailableKind, number> = { isrc: 0, 'isrc-compilation': 0, fuzzy: 0, none: 0 };
    let notInCountry = 0;
    let noStreaming = 0;
    const trackIds: string[] = [];
    let artistId = '';
    let albumId = '';
    for (let position = 0; position < spec.items; position++) {
      // Ten tracks per album, one artist per album.
      if (position % 10 === 0) {
        artistId = id();
        seed.artists.push({ id: artistId, name: words.name(), popularity: 0.5 });
        albumId = album(words.name(), artistId, 1990 + (position % 30));
      }
      const title = words.name();
      const duration = seconds();
      const trackId = id();
      const recording = isrc();
      const base = {
        title,
        isrc: recording,
        durationSeconds: duration,
        artistIds: [artistId],
        popularity: 0.3 + prng() * 0.4,
        trackNumber: (position % 10) + 1,
      };
      const unavailableHere =
        Math.floor((position + 1) * spec.unavailableShare) > Math.floor(position * spec.unavailableShare);
      if (!unavailableHere) {
        seed.tracks.push({ id: trackId, albumId, ...base });
        trackIds.push(trackId);
        continue;
      }
      const k = notInCountry + noStreaming;
      const kind = MIX[k % MIX.length]!;
      kinds[kind] += 1;
      const hidden = k % 2 === 0;
      if (hidden) notInCountry += 1;
      else noStreaming += 1;
      seed.tracks.push({
        id: trackId,
        albumId,
        ...base,
        ...(hidden ? { countries: { except: [BENCH_COUNTRY] } } : { availability: [] }),
      });
      trackIds.push(trackId);

      if (kind === 'isrc' || kind === 'isrc-compilation') {
        const reissue = album(`${words.name()} (Deluxe Edition)`, artistId, 2021);
        seed.tracks.push({ id: id(), albumId: reissue, ...base, popularity: 0.6 });
      }
      if (kind === 'isrc-compilation') {
        const hits = album(`${words.name()} Hits`, variousArtists, 2023);
        seed.tracks.push({ id: id(), albumId: hits, ...base, popularity: 0.9 });
      }
      if (kind === 'fuzzy') {
        const other = album(words.name(), artistId, 2015);
        seed.tracks.push({
          id: id(),
          albumId: other,
          ...base,
          isrc: isrc(),
          durationSeconds: duration + 1,
          popularity: 0.5,
        });
      }
    }
    const unavailable = notInCountry + noStreaming;
    const name = `Bench ${index + 1}: ${spec.items} items, ${Math.round(spec.unavailableShare * 100)}% unavailable`;
    const playlistId = randomUuid(prng);
    seed.playlists.push({
      id: playlistId,
      ownerId: BENCH_ACCOUNT.userId,
      name,
      createdAt: '2026-01-01T00:00:00Z',
      lastModifiedAt: '2026-02-01T00:00:00Z',
      trackIds,
    });
    return { ...spec, id: playlistId, name, unavailable, kinds, notInCountry, noStreaming };
  });
  return { seed, playlists };
}
