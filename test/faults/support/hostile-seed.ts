import { DEMO_ACCOUNT, type Seed } from '@tidal-remedy/tidal-emulator';

/** Markup, SQL, a path, a template and terminal control sequences: what a hostile playlist owner types. */
export const HOSTILE_NAME =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is what is being tried.
  '<script>alert("pwned")</script> \'; DROP TABLE playlists; -- ../../etc/passwd {{7*7}} ${process.env} \u001b[2J\u001b[31mred\u001b[0m';
export const HOSTILE_TRACK_TITLE =
  "<img src=x onerror=alert(1)> \u001b]0;owned\u0007 Robert'); DROP TABLE tracks;--";
export const HOSTILE_ARTIST = '<svg onload=alert(2)> ../../../../root/.ssh/id_rsa';
export const HOSTILE_PLAYLIST_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

/** Credentials of an OAuth client of the demo user, with values long and unique enough to scan logs for. */
export const HOSTILE_CLIENT = {
  clientId: 'faults-client',
  clientSecret: 'cs-faults-2f9c7e1a5b3d8e6f0a4c',
  refreshToken: 'rt-faults-8d3b6f1e9a2c7d5b4e0f',
} as const;

/**
 * The bundled catalog plus a playlist of the demo user whose name, and one unavailable track's title and
 * artist, carry HOSTILE_* strings, and a client whose secrets the tests look for in every output.
 */
export function hostileSeed(bundled: Seed): Seed {
  const seed = structuredClone(bundled);
  const roadTrip = seed.playlists.find((playlist) => playlist.id === DEMO_ACCOUNT.playlistId)!;
  const album = seed.albums[0]!;
  seed.artists.push({ id: '990000001', name: HOSTILE_ARTIST, popularity: 0.5 });
  seed.tracks.push({
    id: '990000002',
    title: HOSTILE_TRACK_TITLE,
    version: null,
    isrc: 'ZZHOS2400001',
    durationSeconds: 200,
    explicit: false,
    popularity: 0.5,
    artistIds: ['990000001'],
    albumId: album.id,
    trackNumber: 1,
    volumeNumber: 1,
    countries: { except: ['US'] },
    availability: ['STREAM'],
  });
  seed.clients.push({
    clientId: HOSTILE_CLIENT.clientId,
    clientSecret: HOSTILE_CLIENT.clientSecret,
    userId: DEMO_ACCOUNT.userId,
    refreshTokens: [HOSTILE_CLIENT.refreshToken],
  });
  seed.playlists.push({
    ...roadTrip,
    id: HOSTILE_PLAYLIST_ID,
    name: HOSTILE_NAME,
    description: `${HOSTILE_NAME} <a href="javascript:alert(3)">x</a>`,
    // Ten tracks of the demo playlist (five unavailable in US) and the hostile one, unavailable too.
    trackIds: [...roadTrip.trackIds.slice(0, 10), '990000002'],
  });
  return seed;
}
