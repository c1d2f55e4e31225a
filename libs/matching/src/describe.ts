import type { Track } from '@tidal-remedy/contracts';

/** 215000 -> "3:35"; an hour or more -> "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}:${seconds}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}`;
}

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
  const title = track.version ? `${track.title} (${track.version})` : track.title;
  const artists = track.artists.map((artist) => artist.name).join(', ');
  return `${quote(title)}${artists ? ` by ${artists}` : ''}`;
}

/** 1 -> "a year", 7 -> "7 years". */
export function describeYears(years: number): string {
  return years === 1 ? 'a year' : `${years} years`;
}
