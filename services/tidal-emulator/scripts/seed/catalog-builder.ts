import { hash32 } from './prng.js';
import type { AlbumType, Availability, Countries, SeedAlbum, SeedArtist, SeedTrack } from './seed-types.js';

/** One recording: what an ISRC identifies. Every release that carries it shares the ISRC. */
export interface Recording {
  key: string;
  isrc: string;
  title: string;
  artistIds: string[];
  seconds: number;
  explicit: boolean;
  popularity: number;
}

export interface NewRecording {
  key: string;
  title: string;
  artistIds: string[];
  seconds: number;
  explicit: boolean;
  popularity: number;
  /** Release year; the ISRC's year of reference. */
  year: number;
  /** ISRC country prefix; defaults to the primary artist's country. */
  isrcCountry?: string;
}

/** How one recording appears on one release. Unset fields come from the recording. */
export interface TrackInput {
  recording: Recording;
  title?: string;
  version?: string | null;
  seconds?: number;
  explicit?: boolean;
  popularity?: number;
  artistIds?: string[];
  countries?: Countries;
  availability?: Availability[];
  volume?: number;
}

/**
 * What kind of release the generator writes: an album type TIDAL serves, or a compilation, which TIDAL
 * serves as an ALBUM (its albumType has no COMPILATION). The generator remembers its compilations
 * (`compilationIds`) to build them as real ones are and to describe them in DEMO.md.
 */
export type ReleaseType = AlbumType | 'compilation';

export interface ReleaseInput {
  key: string;
  title: string;
  type: ReleaseType;
  date: string;
  artistIds: string[];
  tracks: TrackInput[];
}

export interface ReleasedTrack {
  track: SeedTrack;
  recording: Recording;
}

const ARTIST_ID_MIN = 1_000;
const ARTIST_ID_SPAN = 9_998_000;
const ITEM_ID_MIN = 10_000_000;
const ITEM_ID_SPAN = 380_000_000;
const ISRC_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class UnknownReferenceError extends Error {
  override name = 'UnknownReferenceError';
}

/**
 * Accumulates artists, recordings and releases, and gives each a stable id. Ids are hashed from names
 * and release keys (probing on a collision), so editing one release does not renumber the rest of the
 * catalog, and ids that tests or DEMO.md quote stay put.
 */
export class CatalogBuilder {
  readonly artists: SeedArtist[] = [];
  readonly albums: SeedAlbum[] = [];
  readonly tracks: SeedTrack[] = [];
  /** The albums written as compilations (served as ALBUM). */
  readonly compilationIds = new Set<string>();
  private readonly artistByName = new Map<string, SeedArtist>();
  private readonly artistCountry = new Map<string, string>();
  private readonly usedArtistIds = new Set<string>();
  private readonly usedItemIds = new Set<string>();
  private readonly usedIsrcs = new Set<string>();
  private readonly recordings = new Map<string, Recording>();
  private readonly releases = new Map<string, { album: SeedAlbum; tracks: ReleasedTrack[] }>();
  private readonly recordingByTrackId = new Map<string, Recording>();

  artist(name: string, popularity: number, country: string): SeedArtist {
    const existing = this.artistByName.get(name);
    if (existing) throw new Error(`Artist "${name}" is defined twice; define each artist once.`);
    const id = allocate(this.usedArtistIds, `artist:${name}`, ARTIST_ID_MIN, ARTIST_ID_SPAN);
    const artist: SeedArtist = { id, name, popularity: round2(popularity) };
    this.artists.push(artist);
    this.artistByName.set(name, artist);
    this.artistCountry.set(id, country);
    return artist;
  }

  hasArtist(name: string): boolean {
    return this.artistByName.has(name);
  }

  artistNamed(name: string): SeedArtist {
    const artist = this.artistByName.get(name);
    if (!artist) throw new UnknownReferenceError(`No artist named "${name}"; define it before using it.`);
    return artist;
  }

  countryOf(artistId: string): string {
    return this.artistCountry.get(artistId) ?? 'US';
  }

  recording(input: NewRecording): Recording {
    if (this.recordings.has(input.key)) throw new Error(`Recording key "${input.key}" is used twice.`);
    const primary = input.artistIds[0];
    if (!primary) throw new Error(`Recording "${input.title}" has no artist.`);
    const recording: Recording = {
      key: input.key,
      isrc: this.isrc(input.key, input.isrcCountry ?? this.countryOf(primary), primary, input.year),
      title: input.title,
      artistIds: input.artistIds,
      seconds: input.seconds,
      explicit: input.explicit,
      popularity: round2(input.popularity),
    };
    this.recordings.set(input.key, recording);
    return recording;
  }

  release(input: ReleaseInput): ReleasedTrack[] {
    if (this.releases.has(input.key)) throw new Error(`Release key "${input.key}" is used twice.`);
    if (input.tracks.length === 0) throw new Error(`Release "${input.key}" has no tracks.`);
    const albumId = allocate(this.usedItemIds, `album:${input.key}`, ITEM_ID_MIN, ITEM_ID_SPAN);
    if (input.type === 'compilation') this.compilationIds.add(albumId);
    const album: SeedAlbum = {
      id: albumId,
      title: input.title,
      type: input.type === 'compilation' ? 'ALBUM' : input.type,
      releaseDate: input.date,
      artistIds: input.artistIds,
      barcodeId: barcode(input.key),
    };
    const released: ReleasedTrack[] = [];
    const nextNumber = new Map<number, number>();
    for (const t of input.tracks) {
      const volume = t.volume ?? 1;
      const number = nextNumber.get(volume) ?? 1;
      nextNumber.set(volume, number + 1);
      const id = allocate(
        this.usedItemIds,
        `track:${input.key}#${volume}.${number}`,
        ITEM_ID_MIN,
        ITEM_ID_SPAN,
      );
      const track: SeedTrack = {
        id,
        title: t.title ?? t.recording.title,
        version: t.version ?? null,
        isrc: t.recording.isrc,
        durationSeconds: t.seconds ?? t.recording.seconds,
        explicit: t.explicit ?? t.recording.explicit,
        popularity: round2(clamp01(t.popularity ?? t.recording.popularity)),
        artistIds: t.artistIds ?? t.recording.artistIds,
        albumId,
        trackNumber: number,
        volumeNumber: volume,
        countries: t.countries ?? {},
        availability: t.availability ?? ['STREAM', 'DJ'],
      };
      this.tracks.push(track);
      this.recordingByTrackId.set(id, t.recording);
      released.push({ track, recording: t.recording });
    }
    this.albums.push(album);
    this.releases.set(input.key, { album, tracks: released });
    return released;
  }

  hasRelease(key: string): boolean {
    return this.releases.has(key);
  }

  albumOf(releaseKey: string): SeedAlbum {
    return this.releaseNamed(releaseKey).album;
  }

  tracksOf(releaseKey: string): ReleasedTrack[] {
    return this.releaseNamed(releaseKey).tracks;
  }

  /** A track of a release by its 1-based position or its exact title as shown on that release. */
  trackOf(releaseKey: string, titleOrNumber: string): ReleasedTrack {
    const tracks = this.tracksOf(releaseKey);
    const byNumber = /^\d+$/.test(titleOrNumber) ? tracks[Number(titleOrNumber) - 1] : undefined;
    const found = byNumber ?? tracks.find((t) => t.track.title === titleOrNumber);
    if (!found) throw new UnknownReferenceError(`Release "${releaseKey}" has no track "${titleOrNumber}".`);
    return found;
  }

  private releaseNamed(key: string): { album: SeedAlbum; tracks: ReleasedTrack[] } {
    const release = this.releases.get(key);
    if (!release)
      throw new UnknownReferenceError(`No release with key "${key}"; define it before referring to it.`);
    return release;
  }

  /** CC-XXX-YY-NNNNN: country, registrant (derived from the primary artist, as a label would be), year, designation. */
  private isrc(key: string, country: string, primaryArtistId: string, year: number): string {
    const r = hash32(`registrant:${primaryArtistId}`);
    const registrant =
      ISRC_CHARS[r % 26]! + ISRC_CHARS[Math.floor(r / 26) % 26]! + ISRC_CHARS[Math.floor(r / 676) % 36]!;
    const yy = String(year % 100).padStart(2, '0');
    let designation = hash32(`isrc:${key}`) % 100_000;
    for (;;) {
      const isrc = `${country}${registrant}${yy}${String(designation).padStart(5, '0')}`;
      if (!this.usedIsrcs.has(isrc)) {
        this.usedIsrcs.add(isrc);
        return isrc;
      }
      designation = (designation + 1) % 100_000;
    }
  }
}

function allocate(used: Set<string>, key: string, min: number, span: number): string {
  let n = min + (hash32(key) % span);
  while (used.has(String(n))) n = n + 1 >= min + span ? min : n + 1;
  const id = String(n);
  used.add(id);
  return id;
}

/** A 13-digit EAN with a valid check digit. */
function barcode(key: string): string {
  const body = `0${String(hash32(`upc:${key}`)).padStart(10, '0')}${hash32(`upc2:${key}`) % 10}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
