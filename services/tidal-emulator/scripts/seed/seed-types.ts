/**
 * The seed file's types are the emulator's own (src/seed-schema.ts, the parsed form): the generator writes
 * every field explicitly, defaults included, so the file reads the same with or without the defaults.
 */
import type { SeedAlbum, SeedTrack } from '../../src/seed-schema.js';

export type {
  Availability,
  Seed,
  SeedAlbum,
  SeedArtist,
  SeedClient,
  SeedPlaylist,
  SeedTrack,
  SeedUser,
} from '../../src/seed-schema.js';
export type AlbumType = SeedAlbum['type'];
export type Countries = SeedTrack['countries'];

/** Where a track can be streamed from: what the emulator decides per request country. */
export function isStreamableIn(track: SeedTrack, countryCode: string): boolean {
  const { only, except } = track.countries;
  if (only && !only.includes(countryCode)) return false;
  if (except?.includes(countryCode)) return false;
  return track.availability.includes('STREAM');
}
