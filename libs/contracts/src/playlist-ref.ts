import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAYLIST_HOSTS = new Set(['tidal.com', 'www.tidal.com', 'listen.tidal.com', 'embed.tidal.com']);

/**
 * Reads a playlist reference as people paste it: a bare TIDAL playlist id (a UUID), or a TIDAL URL such as
 * `https://tidal.com/browse/playlist/<uuid>` or `https://listen.tidal.com/playlist/<uuid>?u`, and returns
 * the id in lower case, or null. Only UUIDs are accepted: an id is later put into URLs and cache keys.
 */
export function parsePlaylistRef(input: string): string | null {
  const text = input.trim();
  if (UUID.test(text)) return text.toLowerCase();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!PLAYLIST_HOSTS.has(url.hostname.toLowerCase())) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const at = segments.lastIndexOf('playlist');
  const id = at >= 0 ? segments[at + 1] : undefined;
  return id !== undefined && UUID.test(id) ? id.toLowerCase() : null;
}

const TIDAL_KINDS: Record<string, string> = {
  album: 'an album',
  track: 'a track',
  artist: 'an artist',
  video: 'a video',
  mix: 'a mix',
};

/**
 * Why `input` is not a playlist reference, in words that say what it is (a Spotify link, a TIDAL album or
 * track link, an id that is not a UUID) and what to give instead.
 */
export function playlistRefProblem(input: string): string {
  const text = input.trim();
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  const instead =
    'give a TIDAL playlist link such as https://tidal.com/browse/playlist/<uuid>, or its id (a UUID)';
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    if (/^spotify:/i.test(text))
      return `"${shown}" is a Spotify link; tidal-remedy works on TIDAL playlists: ${instead}.`;
    return text === ''
      ? `The playlist is empty: ${instead}.`
      : `"${shown}" is not a TIDAL playlist id (a UUID, such as 0f8f4c5e-1b2a-4c3d-9e8f-7a6b5c4d3e2f) nor a link: ${instead}.`;
  }
  const host = url.hostname.toLowerCase();
  if (host === 'open.spotify.com' || host.endsWith('.spotify.com') || host === 'spotify.link') {
    return `"${shown}" is a Spotify link; tidal-remedy works on TIDAL playlists: ${instead}.`;
  }
  if (!PLAYLIST_HOSTS.has(host)) return `"${shown}" is a link to ${host}, not to TIDAL: ${instead}.`;
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.toLowerCase());
  const kind = segments.find((segment) => segment in TIDAL_KINDS);
  if (!segments.includes('playlist') && kind) {
    return `"${shown}" is a link to ${TIDAL_KINDS[kind]} on TIDAL, not to a playlist: ${instead}.`;
  }
  return `"${shown}" is a TIDAL link without a playlist id (a UUID) in it: ${instead}.`;
}

/** A zod schema for a playlist reference that yields the playlist id. */
export const PlaylistRefSchema = z.string().transform((value, ctx) => {
  const id = parsePlaylistRef(value);
  if (id === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        'expected a TIDAL playlist id (a UUID) or a playlist URL such as https://tidal.com/browse/playlist/<uuid>',
    });
    return z.NEVER;
  }
  return id;
});
