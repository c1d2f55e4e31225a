import { formatDuration, type Track, trackArtists, trackTitle } from '@tidal-remedy/contracts';

export { formatDuration };

export function quote(text: string): string {
  return `'${text}'`;
}

const RELEASE_NOUNS = {
  ALBUM: 'the album',
  EP: 'the EP',
  SINGLE: 'the single',
};

/** "the album 'A Night at the Opera' (1975)", as a person reads it in the report. */
export function describeRelease(track: Track): string {
  if (track.album === null) return 'an unknown release';
  const noun = track.album.type === null ? 'the release' : RELEASE_NOUNS[track.album.type];
  const year = track.album.releaseDate?.slice(0, 4);
  return `${noun} ${quote(track.album.title)}${year ? ` (${year})` : ''}`;
}

/** "'Bohemian Rhapsody - Remastered 2011' by Queen". */
export function describeTrack(track: Track): string {
  const artists = trackArtists(track);
  return `${quote(trackTitle(track))}${artists ? ` by ${artists}` : ''}`;
}

/** 1 -> "a year", 7 -> "7 years". */
export function describeYears(years: number): string {
  return years === 1 ? 'a year' : `${years} years`;
}
