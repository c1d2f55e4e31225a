/**
 * The seed file's shape as plain TypeScript, field for field the output type of the emulator's `SeedSchema`
 * (see /work/wt/notes/seed-format.md). The generator writes every field explicitly, defaults included, so the
 * file reads the same with or without the schema's defaults.
 */
export type AlbumType = 'ALBUM' | 'EP' | 'SINGLE' | 'COMPILATION';
export type Availability = 'STREAM' | 'DJ' | 'STEM';

export interface Countries {
  only?: string[];
  except?: string[];
}

export interface SeedArtist {
  id: string;
  name: string;
  popularity: number;
}

export interface SeedAlbum {
  id: string;
  title: string;
  type: AlbumType;
  releaseDate: string;
  artistIds: string[];
  barcodeId?: string;
}

export interface SeedTrack {
  id: string;
  title: string;
  version: string | null;
  isrc: string;
  durationSeconds: number;
  explicit: boolean;
  popularity: number;
  artistIds: string[];
  albumId: string;
  trackNumber: number;
  volumeNumber: number;
  countries: Countries;
  availability: Availability[];
}

export interface SeedUser {
  id: string;
  username: string;
  countryCode: string;
}

export interface SeedClient {
  clientId: string;
  clientSecret?: string;
  userId?: string;
  refreshTokens: string[];
}

export interface SeedPlaylist {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  accessType: 'PUBLIC' | 'UNLISTED';
  createdAt: string;
  lastModifiedAt: string;
  trackIds: string[];
}

export interface Seed {
  version: 1;
  artists: SeedArtist[];
  albums: SeedAlbum[];
  tracks: SeedTrack[];
  users: SeedUser[];
  clients: SeedClient[];
  playlists: SeedPlaylist[];
}

/** Where a track can be streamed from: what the emulator decides per request country. */
export function isStreamableIn(track: SeedTrack, countryCode: string): boolean {
  const { only, except } = track.countries;
  if (only && !only.includes(countryCode)) return false;
  if (except?.includes(countryCode)) return false;
  return track.availability.includes('STREAM');
}
