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
